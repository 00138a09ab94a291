// A vendor's practitioners in the console: declared (pending until the bureau approves), a
// person another vendor holds refused, the review result shown, a departure recorded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminToken, call, creditCode, expectUsable, idNumber, useServerAndBrowser, watchedPage } from './harness.mjs';

const env = useServerAndBrowser();

test('a vendor declares practitioners, sees the review and records a departure', async () => {
  const base = env.server.base;
  const password = 'Harbor-Lantern-Vendor-7391';
  const vendor = await call(base, 'POST', '/v1/vendors', null, {
    name: '汕头市申报示例有限公司', credit_code: creditCode(31), enterprise_size: 'small', login: 'vendor.zhang', password,
  });
  assert.equal(vendor.status, 201, vendor.text);
  const other = await call(base, 'POST', '/v1/vendors', null, { name: '另一公司', credit_code: creditCode(32), enterprise_size: 'micro' });
  assert.equal(other.status, 201, other.text);
  const held = await call(base, 'POST', `/v1/vendors/${other.json.vendor.id}/practitioners`, adminToken,
    { name: '王大伟', id_number: idNumber(42) });
  assert.equal(held.status, 201, held.text);

  const page = await watchedPage(env.browser, { allow: (r) => r.status() === 409 && r.url().includes('/practitioners') });
  await page.goto(`${base}/console/`);
  await page.getByLabel('登录名').fill('vendor.zhang');
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: /^您好，/ }).waitFor();
  await page.getByRole('link', { name: '从业人员' }).first().click();
  await page.getByRole('heading', { name: '申报从业人员' }).waitFor();
  await expectUsable(page);

  const declare = async (name, id) => {
    await page.getByLabel('姓名').fill(name);
    await page.getByLabel('身份证号').fill(id);
    await page.getByLabel('证书类型').selectOption({ label: '系统集成项目管理工程师（软考中级）' });
    await page.getByLabel('证书编号').fill(`SI-${name}`);
    await page.getByLabel('发证日期').fill('2020-05-20');
    await page.getByRole('button', { name: '申报', exact: true }).click();
  };
  await declare('陈志强', idNumber(41));
  await page.getByRole('status').filter({ hasText: '已申报「陈志强」' }).waitFor();
  await page.locator('#prac-list').waitFor();
  assert.match(await page.locator('#prac-list').innerText(), /陈志强[\s\S]*待审核/);
  await page.shot('30-practitioners');

  // 挂证: the person another vendor holds is refused, without naming that vendor.
  await declare('王大伟', idNumber(42));
  await page.getByRole('alert').filter({ hasText: '此人已在某一供应商登记' }).waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /另一公司/);

  // The bureau approves (elsewhere); the vendor sees it.
  const mine = await call(base, 'GET', `/v1/vendors/${vendor.json.vendor.id}/practitioners`, adminToken);
  const id = mine.json.items[0].id;
  assert.equal((await call(base, 'POST', `/v1/practitioners/${id}/decision`, adminToken, { decision: 'approve', comment: '证书核验无误' })).status, 200);
  await page.reload();
  await page.locator('#prac-list').waitFor();
  assert.match(await page.locator('#prac-list').innerText(), /陈志强[\s\S]*在岗[\s\S]*证书核验无误/);

  // A departure needs a reason; then the person is departed from that day.
  await page.getByRole('button', { name: '登记离职 陈志强' }).click();
  await page.getByRole('status').filter({ hasText: '请填写离职原因' }).waitFor();
  await page.getByLabel('离职原因（陈志强）').fill('合同到期');
  await page.getByRole('button', { name: '登记离职 陈志强' }).click();
  await page.getByRole('status').filter({ hasText: '已登记「陈志强」离职' }).waitFor();
  await page.locator('#prac-list').waitFor();
  assert.match(await page.locator('#prac-list').innerText(), /陈志强[\s\S]*已离职（\d{4}-\d{2}-\d{2}）/);
  const after = await call(base, 'GET', `/v1/practitioners/${id}`, adminToken);
  assert.equal(after.json.status, 'departed');
  assert.equal(after.json.depart_reason, '合同到期');
  page.check();
});
