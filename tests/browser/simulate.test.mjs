// The what-if page: an officer types terms and bids, the engine ranks them (nothing stored):
// two equal prices split by the domestic preference, a bid over the budget excluded with its
// reason, and turning the preference off makes the tie a draw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminToken, call, expectUsable, signInFirstTime, useServerAndBrowser, watchedPage } from './harness.mjs';

const env = useServerAndBrowser();

test('an officer ranks typed bids on the what-if page', async () => {
  const base = env.server.base;
  const officer = await call(base, 'POST', '/v1/accounts', adminToken, { name: '采购处 吴九', role: 'officer', login: 'wu.jiu' });
  assert.equal(officer.status, 201, officer.text);
  const before = (await call(base, 'GET', '/v1/audit/checkpoint', adminToken)).json.seq;
  const page = await watchedPage(env.browser);
  await signInFirstTime(page, base, 'wu.jiu', officer.json.password);
  await page.getByRole('link', { name: /^模拟评审/ }).click();
  await page.getByRole('heading', { name: '模拟评审' }).waitFor();
  await expectUsable(page);
  await page.getByLabel('评审方法').selectOption('lowest_price');
  const bid = (k, n) => page.getByLabel(`${k}（投标 ${n}）`);
  await bid('名称', 1).fill('甲公司');
  await bid('报价（元）', 1).fill('800,000');
  await bid('名称', 2).fill('乙公司');
  await bid('报价（元）', 2).fill('800000');
  await bid('国产', 2).check();
  await bid('名称', 3).fill('丙公司');
  await bid('报价（元）', 3).fill('900000');
  await page.getByRole('button', { name: '增加一行投标' }).click();
  await bid('名称', 4).fill('丁公司');
  await bid('报价（元）', 4).fill('1200000');
  await page.getByRole('button', { name: '试算' }).click();
  await page.locator('#tender-ranking').waitFor();
  const rows = page.locator('#tender-ranking tbody tr');
  assert.equal(await rows.count(), 3);
  assert.match(await rows.nth(0).innerText(), /乙公司[\s\S]*国产产品优先/);
  assert.match(await rows.nth(1).innerText(), /甲公司/);
  assert.match(await page.locator('#sim-excluded').innerText(), /丁公司：报价超过预算/);
  assert.match(await page.locator('#sim-outcome').innerText(), /乙公司/);
  await page.shot('56-simulate');

  await page.getByLabel('价格和得分相同时国产产品优先').uncheck();
  await page.getByRole('button', { name: '试算' }).click();
  await page.locator('#tender-ranking tbody tr', { hasText: '抽签' }).first().waitFor();
  // Nothing is stored: the audit log has not moved.
  assert.equal((await call(base, 'GET', '/v1/audit/checkpoint', adminToken)).json.seq, before + 2);  // the sign-in and the password change
  page.check();
});
