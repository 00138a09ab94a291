// An officer's tender in the console: the new-tender form shows the category's requirements and
// who may bid, checks the price weight and the legal minimum as you type, takes the deadline in
// Beijing time; then publish and cancel (a reason required).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminToken, call, creditCode, expectUsable, idNumber, signInFirstTime, useServerAndBrowser, watchedPage } from './harness.mjs';

const env = useServerAndBrowser();

test('an officer creates, publishes and cancels a tender', async () => {
  const base = env.server.base;
  // One vendor that may bid in SYSTEM_INTEGRATION.
  const v = await call(base, 'POST', '/v1/vendors', null, { name: '合格公司', credit_code: creditCode(51), enterprise_size: 'small' });
  const vid = v.json.vendor.id;
  assert.equal((await call(base, 'POST', `/v1/vendors/${vid}/qualifications`, adminToken, {
    type: 'CS', level: 'CS3', certificate_no: 'CS3-9', issuer: 'x', issued_on: '2025-01-01', expires_on: '2028-12-31' })).status, 201);
  for (const k of [1, 2]) {
    assert.equal((await call(base, 'POST', `/v1/vendors/${vid}/practitioners`, adminToken, {
      name: `工程师${k}`, id_number: idNumber(60 + k), credentials: [{ type: 'RK_SI_PM', certificate_no: `T-${k}`, issued_on: '2020-01-01' }] })).status, 201);
  }
  assert.equal((await call(base, 'POST', `/v1/vendors/${vid}/listing`, adminToken, { decision: 'list', reason: 'ok' })).status, 200);
  const officer = await call(base, 'POST', '/v1/accounts', adminToken, { name: '采购处 王五', role: 'officer', login: 'wang.wu' });

  const page = await watchedPage(env.browser, { allow: (r) => r.status() === 422 && (r.url().endsWith('/cancel') || r.url().endsWith('/v1/tenders')) });
  await signInFirstTime(page, base, 'wang.wu', officer.json.password);
  await page.getByRole('link', { name: '采购项目' }).first().click();
  await page.getByRole('link', { name: '新建采购项目' }).click();
  await page.getByRole('heading', { name: '新建采购项目' }).waitFor();
  await expectUsable(page);
  await page.getByLabel('项目名称').fill('市政务云平台集成项目');
  await page.getByLabel('品目').selectOption({ label: '信息系统集成实施服务' });
  await page.locator('#tender-eligible').waitFor();
  assert.match(await page.locator('#tender-requirement-list').innerText(), /信息系统建设和服务能力评估CS3/);
  assert.match(await page.locator('#tender-requirement-list').innerText(), /2 名持有系统集成项目管理工程师/);
  assert.match(await page.locator('#tender-eligible').innerText(), /目前有 1 家供应商可以参与/);
  await page.getByLabel('价格分权重（%）').fill('150');
  assert.match(await page.locator('#weight-hint').innerText(), /须在 0 到 100 之间/);
  await page.getByLabel('价格分权重（%）').fill('30');
  assert.doesNotMatch(await page.locator('#weight-hint').innerText(), /须在/);
  await page.getByLabel('最少有效投标数').fill('1');
  assert.match(await page.locator('#min-hint').innerText(), /不能少于法定下限 3 家/);
  await page.getByLabel('最少有效投标数').fill('3');
  await page.getByLabel('预算（元）').fill('1000000.00');
  // Sent with a weight below the services minimum and a deadline already past: the server's one
  // answer names both, and the page shows both.
  await page.getByLabel('价格分权重（%）').fill('5');
  const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 86400000));
  await page.getByLabel('投标截止时间（北京时间）').fill(`${yesterday}T10:00`);
  await page.getByRole('button', { name: '创建（草稿）' }).click();
  await page.locator('#tender-error', { hasText: 'price_weight' }).waitFor();
  assert.match(await page.locator('#tender-error').innerText(), /bid_deadline: .+；price_weight: |price_weight: .+；bid_deadline: /);
  assert.equal((await call(base, 'GET', '/v1/tenders', adminToken)).json.items.length, 0);
  await page.getByLabel('价格分权重（%）').fill('30');
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 10 * 86400000));
  await page.getByLabel('投标截止时间（北京时间）').fill(`${day}T10:00`);
  await page.shot('50-new-tender');
  await page.getByRole('button', { name: '创建（草稿）' }).click();

  await page.getByRole('heading', { name: '市政务云平台集成项目' }).waitFor();
  assert.match(await page.locator('#tender-facts').innerText(), new RegExp(`${day} 10:00`));
  assert.match(await page.locator('#tender-status').innerText(), /草稿/);
  assert.match(await page.locator('#tender-facts').innerText(), /¥1,000,000\.00/);
  const list = await call(base, 'GET', '/v1/tenders', adminToken);
  const made = list.json.items[0];
  assert.equal(made.bid_deadline, `${day}T02:00:00Z`);  // 10:00 Beijing
  assert.equal(made.price_weight, 30);
  await page.getByRole('button', { name: '发布' }).click();
  await page.getByRole('status').filter({ hasText: '已发布' }).waitFor();
  await page.locator('#tender-status', { hasText: '接受投标' }).waitFor();
  await page.shot('51-tender-open');
  await page.getByRole('button', { name: '取消项目' }).click();
  await page.getByRole('status').filter({ hasText: 'reason' }).waitFor();  // 422: the reason is required
  await page.getByLabel('取消理由').fill('需求变更');
  await page.getByRole('button', { name: '取消项目' }).click();
  await page.locator('#tender-status', { hasText: '已取消' }).waitFor();
  assert.equal((await call(base, 'GET', `/v1/tenders/${made.id}`, adminToken)).json.status, 'cancelled');
  page.check();

  // An auditor reads the tender's timeline: its steps in order, each a Chinese sentence.
  const auditor = await call(base, 'POST', '/v1/accounts', adminToken, { name: '审计 郑十', role: 'auditor', login: 'zheng.shi' });
  const auditorPage = await watchedPage(env.browser);
  await signInFirstTime(auditorPage, base, 'zheng.shi', auditor.json.password);
  await auditorPage.goto(`${base}/console/tenders/${made.id}`);
  await auditorPage.getByRole('link', { name: /审计时间线/ }).click();
  await auditorPage.waitForURL(/tender_id=/);
  await auditorPage.locator('#audit-table tbody tr').nth(2).waitFor();
  const actions = await auditorPage.locator('#audit-table tbody tr td:nth-child(5)').allInnerTexts();
  assert.deepEqual(actions.slice().sort(), ['tender.cancel', 'tender.create', 'tender.publish'].sort());
  assert.equal(await auditorPage.locator('#audit-tender').inputValue(), made.id);
  await auditorPage.shot('57-tender-timeline');
  auditorPage.check();
});
