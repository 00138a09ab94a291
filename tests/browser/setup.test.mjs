// The bureau's editor of qualification types and categories: a type renamed, a category given a
// stricter requirement that market access follows at once, a new category created, and a save
// over a change someone else made meanwhile refused (412) in words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminToken, call, expectUsable, qualifiedVendor, signInFirstTime, useServerAndBrowser, watchedPage } from './harness.mjs';

const env = useServerAndBrowser();

test('a clerk edits qualification types and category requirements', async () => {
  const base = env.server.base;
  const clerk = await call(base, 'POST', '/v1/accounts', adminToken, { name: '刘芳', role: 'bureau', login: 'clerk.liu' });
  const v = await qualifiedVendor(base, 9, '汕头市壬信息技术有限公司');  // CS3 and two RK_SI_PM people
  const access = async () => (await call(base, 'GET', `/v1/vendors/${v.id}/market-access?category=SYSTEM_INTEGRATION`, adminToken)).json;
  assert.equal((await access()).eligible, true);

  const page = await watchedPage(env.browser, { allow: (r) => r.status() === 412 });
  await signInFirstTime(page, base, 'clerk.liu', clerk.json.password);
  await page.getByRole('link', { name: /^资质类型与品目/ }).click();
  await page.getByRole('heading', { name: '资质类型与品目', exact: true }).waitFor();
  await expectUsable(page);

  // A type renamed; the API serves the new name.
  const cs = page.locator('#type-editor form[data-code="CS"]');
  await cs.getByLabel('名称').fill('信息系统建设和服务能力等级评估');
  await cs.getByRole('button', { name: '保存' }).click();
  await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
  const typesNow = (await call(base, 'GET', '/v1/qualification-types', adminToken)).json.items;
  assert.equal(typesNow.find((x) => x.code === 'CS').name, '信息系统建设和服务能力等级评估');

  // SYSTEM_INTEGRATION needs three project managers from now on: the vendor with two loses access.
  const si = page.locator('#category-editor form[data-code="SYSTEM_INTEGRATION"]');
  const before = (await call(base, 'GET', '/v1/categories/SYSTEM_INTEGRATION', adminToken)).json;
  const credRow = before.requirements.findIndex((r) => r.credential === 'RK_SI_PM') + 1;
  assert.ok(credRow > 0, JSON.stringify(before.requirements));
  await si.getByLabel(`最少人数（要求 ${credRow}）`).fill('3');
  await si.getByRole('button', { name: '保存' }).click();
  await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
  const after = (await call(base, 'GET', '/v1/categories/SYSTEM_INTEGRATION', adminToken)).json;
  assert.equal(after.requirements.find((r) => r.credential === 'RK_SI_PM').min_count, 3);
  assert.equal(after.requirements.length, before.requirements.length);
  const now = await access();
  assert.equal(now.eligible, false);
  assert.equal(now.reasons[0].code, 'insufficient_practitioners');

  // A new category with one requirement.
  const fresh = page.locator('form[data-code="new"]').last();
  await fresh.getByLabel('品目代码').fill('data_services');
  await fresh.getByLabel('品目名称').fill('政务数据治理服务');
  await fresh.getByRole('button', { name: /^增加一项要求/ }).click();
  await fresh.getByLabel('资质或证书（要求 1）').selectOption('CS');
  await fresh.getByLabel('最低等级（要求 1）').fill('CS2');
  await fresh.getByRole('button', { name: '新增', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '「政务数据治理服务」已保存' }).waitFor();
  const made = (await call(base, 'GET', '/v1/categories/DATA_SERVICES', adminToken)).json;
  assert.deepEqual(made.requirements, [{ qualification: 'CS', min_level: 'CS2' }]);
  await page.locator('#category-editor form[data-code="DATA_SERVICES"]').waitFor();
  await page.shot('24-setup');

  // Someone else changes the category meanwhile: this page's save is refused, nothing changes.
  const other = { ...made, name: '政务数据服务（他人修改）' };
  assert.equal((await call(base, 'PUT', '/v1/categories/DATA_SERVICES', adminToken, other)).status, 200);
  const stale = page.locator('#category-editor form[data-code="DATA_SERVICES"]');
  await stale.getByLabel('品目名称').fill('政务数据治理与运营服务');
  await stale.getByRole('button', { name: '保存' }).click();
  await page.locator('#cat-DATA_SERVICES-error', { hasText: '已被他人修改' }).waitFor();
  assert.equal((await call(base, 'GET', '/v1/categories/DATA_SERVICES', adminToken)).json.name, '政务数据服务（他人修改）');
  page.check();
});
