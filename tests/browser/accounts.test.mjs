// The bureau's accounts screen: an officer account made with a one-time password (shown once),
// the officer's first sign-in with it, a disable that ends the officer's session at once, and
// a password reset.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminToken, call, expectUsable, signInFirstTime, useServerAndBrowser, watchedPage } from './harness.mjs';

const env = useServerAndBrowser();

test('the bureau makes an officer account, the officer signs in, the bureau disables it', async () => {
  const base = env.server.base;
  const clerk = await call(base, 'POST', '/v1/accounts', adminToken, { name: '李明', role: 'bureau', login: 'clerk.li' });
  assert.equal(clerk.status, 201, clerk.text);
  const page = await watchedPage(env.browser);
  await signInFirstTime(page, base, 'clerk.li', clerk.json.password);
  await page.getByRole('link', { name: '账户' }).first().click();
  await page.getByRole('heading', { name: '创建账户' }).waitFor();
  await expectUsable(page);
  await page.getByLabel('姓名或名称').fill('采购处 王五');
  await page.getByLabel('身份').selectOption({ label: '采购经办人' });
  await page.getByLabel('登录名').fill('wang.wu');
  await page.getByRole('button', { name: '创建' }).click();
  await page.locator('#new-password code').waitFor();
  const oneTime = await page.locator('#new-password code').innerText();
  assert.ok(oneTime.length >= 12, oneTime);
  assert.match(await page.locator('#account-list').innerText(), /采购处 王五[\s\S]*采购经办人[\s\S]*wang\.wu/);
  await page.shot('40-accounts');

  // The officer signs in with it, in another browser context, and must change it.
  const officer = await watchedPage(env.browser, { allow: (r) => r.status() === 401 });
  await signInFirstTime(officer, base, 'wang.wu', oneTime);

  // Disabled by the bureau: the officer's next request is refused.
  await page.getByRole('button', { name: '停用 采购处 王五' }).click();
  await page.getByRole('status').filter({ hasText: '请填写理由' }).waitFor();
  await page.getByLabel('理由（采购处 王五）').fill('调离岗位');
  await page.getByRole('button', { name: '停用 采购处 王五' }).click();
  await page.getByRole('status').filter({ hasText: '已停用「采购处 王五」' }).waitFor();
  assert.match(await page.locator('#account-list').innerText(), /采购处 王五[\s\S]*已停用/);
  const me = await officer.evaluate(async () => (await fetch('/v1/me')).status);
  assert.equal(me, 401);

  // Enabled again, and a password reset gives a new one-time password.
  await page.getByLabel('理由（采购处 王五）').fill('返岗');
  await page.getByRole('button', { name: '启用 采购处 王五' }).click();
  await page.getByRole('status').filter({ hasText: '已启用「采购处 王五」' }).waitFor();
  await page.getByRole('button', { name: '重置密码 采购处 王五' }).click();
  await page.locator('#reset-password code').waitFor();
  assert.notEqual(await page.locator('#reset-password code').innerText(), oneTime);

  // A new API token, shown once; rotating again makes the first one stop at once.
  await page.getByRole('button', { name: '更换接口令牌 采购处 王五' }).click();
  await page.locator('#new-token code').waitFor();
  const first = await page.locator('#new-token code').innerText();
  assert.equal((await call(base, 'GET', '/v1/me', first)).status, 200);
  await page.getByRole('button', { name: '更换接口令牌 采购处 王五' }).click();
  await page.locator('#new-token code').filter({ hasNotText: first }).waitFor();
  const second = await page.locator('#new-token code').innerText();
  assert.equal((await call(base, 'GET', '/v1/me', first)).status, 401);
  assert.equal((await call(base, 'GET', '/v1/me', second)).json.name, '采购处 王五');
  page.check();
  officer.check();
});
