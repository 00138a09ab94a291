// The approved list and a vendor's page, clicked through by a bureau clerk: search and "who may
// bid", a vendor's qualifications, practitioners and market access for every category on a day,
// with the reasons in Chinese; a qualification suspended and reinstated, a sanction imposed and
// lifted; the approved list printed to PDF (read with pdftotext); then delisting, each change
// shown in market access at once.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { adminToken, call, creditCode, expectUsable, idNumber, screenshotDir, signInFirstTime, useServerAndBrowser, watchedPage } from './harness.mjs';

const env = useServerAndBrowser();

test('a clerk finds who may bid, reads a vendor page and delists the vendor', async () => {
  const base = env.server.base;
  const clerk = await call(base, 'POST', '/v1/accounts', adminToken, { name: '李明', role: 'bureau', login: 'clerk.li' });
  assert.equal(clerk.status, 201, clerk.text);
  const made = {};
  for (const [n, name] of [[1, '汕头市合格信息技术有限公司'], [2, '汕头市未入围科技有限公司']]) {
    const r = await call(base, 'POST', '/v1/vendors', null, { name, credit_code: creditCode(n), enterprise_size: 'small' });
    assert.equal(r.status, 201, r.text);
    made[n] = r.json.vendor.id;
  }
  const a = made[1];
  const q = await call(base, 'POST', `/v1/vendors/${a}/qualifications`, adminToken, {
    type: 'CS', level: 'CS3', certificate_no: 'CS3-1', issuer: '中国电子信息行业联合会', issued_on: '2025-01-01', expires_on: '2028-12-31',
  });
  assert.equal(q.status, 201, q.text);
  for (const k of [1, 2]) {
    const p = await call(base, 'POST', `/v1/vendors/${a}/practitioners`, adminToken, {
      name: `工程师${k}`, id_number: idNumber(10 + k),
      credentials: [{ type: 'RK_SI_PM', certificate_no: `SI-${k}`, issued_on: '2020-05-20' }],
    });
    assert.equal(p.status, 201, p.text);
  }
  assert.equal((await call(base, 'POST', `/v1/vendors/${a}/listing`, adminToken, { decision: 'list', reason: '审核通过' })).status, 200);

  const page = await watchedPage(env.browser);
  await signInFirstTime(page, base, 'clerk.li', clerk.json.password);
  await page.getByRole('link', { name: '供应商名录' }).first().click();
  await page.getByRole('heading', { name: '供应商名录' }).waitFor();
  await page.locator('#vendor-list tbody tr').nth(1).waitFor();
  await expectUsable(page);
  await page.shot('20-vendors');
  await page.getByLabel('可参与的品目').selectOption({ label: '信息系统集成实施服务' });
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForURL(/eligible_for=SYSTEM_INTEGRATION/);
  await page.locator('#vendor-list tbody tr').first().waitFor();
  assert.equal(await page.locator('#vendor-list tbody tr').count(), 1);
  await page.getByRole('link', { name: '汕头市合格信息技术有限公司' }).click();

  await page.getByRole('heading', { name: '汕头市合格信息技术有限公司' }).waitFor();
  await page.locator('#vendor-access tbody[data-complete]').waitFor();
  assert.match(await page.locator('#vendor-qualifications').innerText(), /信息系统建设和服务能力评估[\s\S]*CS3/);
  assert.match(await page.locator('#vendor-practitioners').innerText(), /工程师1[\s\S]*在岗/);
  const si = page.locator('#vendor-access tr[data-category="SYSTEM_INTEGRATION"]');
  assert.match(await si.innerText(), /可以参与/);
  await expectUsable(page);
  await page.shot('21-vendor-page');

  // A day before the qualification was issued: the reason, in Chinese.
  await page.getByLabel('日期', { exact: true }).fill('2024-06-01');
  await page.getByRole('button', { name: '查看该日准入' }).click();
  await page.waitForURL(/on=2024-06-01/);
  await page.locator('#vendor-access tbody[data-complete]').waitFor();
  assert.match(await si.innerText(), /不能参与[\s\S]*信息系统建设和服务能力评估尚未生效/);

  // Back to today. The qualification suspended (a reason first), which market access shows at
  // once; reinstated. A sanction imposed, shown and checked by the API; lifted.
  await page.goto(`${base}/console/vendors/${a}`);
  await page.locator('#vendor-access tbody[data-complete]').waitFor();
  const qual = page.locator(`#vendor-qualifications tr[data-id="${q.json.id}"]`);
  await qual.getByRole('button', { name: /^暂停/ }).click();
  await page.getByRole('status').filter({ hasText: '请填写理由' }).waitFor();
  await qual.getByLabel(/^事由/).fill('证书真实性待核查');
  await qual.getByRole('button', { name: /^暂停/ }).click();
  await page.getByRole('status').filter({ hasText: '已暂停' }).waitFor();
  await page.locator('#vendor-access tbody[data-complete]').waitFor();
  assert.match(await qual.innerText(), /暂停/);
  assert.match(await si.innerText(), /不能参与/);
  assert.equal((await call(base, 'GET', `/v1/vendors/${a}/qualifications`, adminToken)).json.items[0].status, 'suspended');
  await qual.getByLabel(/^事由/).fill('核查无误');
  await qual.getByRole('button', { name: /^恢复/ }).click();
  await page.getByRole('status').filter({ hasText: '已恢复' }).waitFor();
  await page.locator('#vendor-access tbody[data-complete]').waitFor();
  assert.match(await si.innerText(), /可以参与/);

  await page.getByLabel('种类').selectOption('suspension');
  await page.locator('#sanction-reason').fill('提供虚假材料');
  await page.getByLabel('结束日期').fill('2099-12-31');
  await page.getByRole('button', { name: '作出处罚' }).click();
  await page.getByRole('status').filter({ hasText: '处罚已记录' }).waitFor();
  await page.locator('#vendor-access tbody[data-complete]').waitFor();
  assert.match(await page.locator('#vendor-sanctions').innerText(), /暂停投标资格[\s\S]*提供虚假材料[\s\S]*执行中/);
  assert.match(await si.innerText(), /不能参与/);
  await expectUsable(page);
  await page.shot('22-vendor-sanctioned');
  const sanction = (await call(base, 'GET', `/v1/vendors/${a}/sanctions`, adminToken)).json.items[0];
  assert.equal(sanction.reason, '提供虚假材料');
  const srow = page.locator(`#vendor-sanctions tr[data-id="${sanction.id}"]`);
  await srow.getByLabel(/^事由/).fill('复议撤销处罚');
  await srow.getByRole('button', { name: /^解除/ }).click();
  await page.getByRole('status').filter({ hasText: '已解除' }).waitFor();
  await page.locator('#vendor-access tbody[data-complete]').waitFor();
  assert.match(await srow.innerText(), /已解除/);
  assert.match(await si.innerText(), /可以参与/);

  // The approved list, printed: the listed vendor with its code and qualification, not the other.
  await page.goto(`${base}/console/vendors`);
  await page.getByRole('link', { name: '打印名录' }).click();
  await page.locator('#roster tbody[data-complete]').waitFor();
  await page.shot('23-approved-list');
  const pdf = path.join(screenshotDir, 'approved-list.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const printed = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/\s+/g, '');
  assert.ok(printed.includes('汕头市合格信息技术有限公司'), 'the listed vendor is on the printed list');
  assert.ok(printed.includes(creditCode(1)), 'its credit code is printed');
  assert.match(printed, /信息系统建设和服务能力评估CS3（至2028-12-31）/);
  assert.ok(!printed.includes('汕头市未入围科技有限公司'), 'a vendor not listed is not printed');
  assert.match(printed, /共1家/);
  await page.goto(`${base}/console/vendors/${a}`);
  await page.locator('#vendor-access tbody[data-complete]').waitFor();

  // Delisting, with a reason.
  await page.getByRole('button', { name: '移出名录' }).click();
  await page.getByRole('status').filter({ hasText: '请填写理由' }).waitFor();
  await page.getByLabel('理由').fill('年度复核未通过');
  await page.getByRole('button', { name: '移出名录' }).click();
  await page.getByRole('status').filter({ hasText: '已将「汕头市合格信息技术有限公司」移出名录' }).waitFor();
  await page.locator('#vendor-access tbody[data-complete]').waitFor();
  assert.match(await page.locator('#vendor-status-now').innerText(), /已移出名录/);
  assert.match(await si.innerText(), /未列入名录/);
  const now = await call(base, 'GET', `/v1/vendors/${a}`, adminToken);
  assert.equal(now.json.status, 'delisted');
  page.check();
});
