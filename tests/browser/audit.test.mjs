// The auditor's screen, clicked through in chromium against a real registryd: the log in
// Beijing time with a sentence per entry, filtered by actor; then the chain verified, a row
// changed behind the service's back with sqlite3, and verified again: the console names it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { adminToken, call, expectUsable, signInFirstTime, useServerAndBrowser, watchedPage } from './harness.mjs';

const env = useServerAndBrowser();

test('an auditor reads the log by actor and sees the chain verified, then a tampered row named', async () => {
  const clerk = await call(env.server.base, 'POST', '/v1/accounts', adminToken, { name: '王小明', role: 'bureau' });
  assert.equal(clerk.status, 201, clerk.text);
  const auditor = await call(env.server.base, 'POST', '/v1/accounts', adminToken, { name: '审计员赵', role: 'auditor', login: 'audit.zhao' });
  assert.equal(auditor.status, 201, auditor.text);
  const vendor = await call(env.server.base, 'POST', '/v1/vendors', null,
    { name: '汕头市审计示例有限公司', credit_code: '91440500MA4UNKE12L', enterprise_size: 'small' });
  assert.equal(vendor.status, 201, vendor.text);
  const vendorId = vendor.json.vendor.id;
  const listed = await call(env.server.base, 'POST', `/v1/vendors/${vendorId}/listing`, clerk.json.token,
    { decision: 'list', reason: '材料齐全' });
  assert.equal(listed.status, 200, listed.text);

  const page = await watchedPage(env.browser);
  await signInFirstTime(page, env.server.base, 'audit.zhao', auditor.json.password);
  await page.getByRole('link', { name: '审计日志' }).first().click();
  await page.getByRole('heading', { name: '审计日志' }).waitFor();
  await page.locator('#audit-table tbody tr').first().waitFor();
  assert.match(await page.locator('#audit-table').innerText(), /登记了供应商「汕头市审计示例有限公司」/);
  await expectUsable(page);
  await page.shot('10-audit-log');

  // By actor: only the clerk's listing decision, with the clerk's name.
  await page.getByLabel('操作人').selectOption({ label: '王小明（主管部门）' });
  await page.getByRole('button', { name: '筛选' }).click();
  await page.waitForURL(/actor=/);
  await page.locator('#audit-table tbody tr').first().waitFor();
  const rows = page.locator('#audit-table tbody tr');
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), /王小明将供应商列入了名录/);
  // A day range that excludes today: nothing.
  await page.getByLabel('截止日期（含）').fill('2020-01-01');
  await page.getByRole('button', { name: '筛选' }).click();
  await page.locator('#audit-empty').waitFor();

  await page.getByRole('button', { name: '核验审计链' }).click();
  await page.locator('#verify-ok').waitFor();
  assert.match(await page.locator('#checkpoint-hash').innerText(), /^[0-9a-f]{64}$/);
  await page.shot('11-audit-verified');

  // Someone delists the vendor in SQL: the console says so, and names the vendor.
  execFileSync('sqlite3', [env.server.dbPath, `UPDATE vendors SET status = 'registered' WHERE id = '${vendorId}'`]);
  await page.getByRole('button', { name: '核验审计链' }).click();
  await page.locator('#verify-bad').waitFor();
  assert.match(await page.locator('#verify-mismatched').innerText(), new RegExp(`供应商 ${vendorId}`));
  await page.shot('12-audit-tampered');
  page.check();
});
