// After the award in the console (issue 20): the bureau keeps the working-day calendar (a
// wrong day refused and named, nothing saved); the award notice states the challenge period's
// last day by that calendar; a bidder challenges; the officer finds the answer due on its home
// page and answers; the bidder complains; the bureau decides at its complaint desk; once the
// period is over the officer records the contract for the awarded price.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminToken, call, expectUsable, qualifiedVendor, signInFirstTime, useServerAndBrowser, watchedPage } from './harness.mjs';

const env = useServerAndBrowser({ clock: '2026-12-01T02:00:00Z' });

async function signIn(page, base, login, password) {
  await page.goto(`${base}/console/`);
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: /^您好，/ }).waitFor();
}

// A page whose clock is registryd's; a jump of registryd's clock ends earlier sessions (the
// 401 of /v1/me that sends a page back to sign-in is expected then).
// `expected(r)`: another answer the test provokes on purpose.
async function pageAt(time, expected = () => false) {
  const page = await watchedPage(env.browser, { allow: (r) => (r.status() === 401 && r.url().endsWith('/v1/me')) || expected(r) });
  await page.clock.install({ time: new Date(time) });
  return page;
}

test('the calendar, the award notice, a challenge answered, a complaint decided and the contract, each in its screen', async () => {
  const base = env.server.base;
  const api = (method, target, token, body) => call(base, method, target, token, body);
  const bureau = await api('POST', '/v1/accounts', adminToken, { name: '财政局 张局', role: 'bureau', login: 'ju.zhang' });
  const officer = await api('POST', '/v1/accounts', adminToken, { name: '采购处 钱一', role: 'officer', login: 'qian.yi' });
  assert.equal(bureau.status, 201, bureau.text);

  // 1. The bureau's calendar: a Sunday listed as a holiday is refused and named; then saved.
  const bureauPage = await pageAt('2026-12-01T02:00:00Z');
  const bureauPassword = await signInFirstTime(bureauPage, base, 'ju.zhang', bureau.json.password);
  await bureauPage.getByRole('link', { name: /工作日历/ }).click();
  await bureauPage.getByRole('heading', { name: '2026 年工作日历' }).waitFor();
  await bureauPage.locator('#calendar-none').waitFor();
  await expectUsable(bureauPage);
  await bureauPage.getByLabel(/放假的工作日/).fill('2026-12-10\n2026-12-13');
  await bureauPage.getByLabel(/调休上班的周末/).fill('2026-12-12');
  await bureauPage.getByRole('button', { name: '保存日历' }).click();
  await bureauPage.locator('#calendar-error', { hasText: '2026-12-13' }).waitFor();
  assert.equal((await api('GET', '/v1/calendar/2026', adminToken)).json.version, 0);  // nothing saved
  await bureauPage.getByLabel(/放假的工作日/).fill('2026-12-10\n2026-12-11');
  await bureauPage.getByRole('button', { name: '保存日历' }).click();
  await bureauPage.locator('#calendar-none').waitFor({ state: 'detached' });
  const cal = (await api('GET', '/v1/calendar/2026', adminToken)).json;
  assert.deepEqual([cal.holidays, cal.workdays, cal.version], [['2026-12-10', '2026-12-11'], ['2026-12-12'], 1]);
  await bureauPage.shot('71-calendar');
  bureauPage.check();

  // 2. A tender awarded on Monday 7 December (by the API): the period ends on the 17th.
  const a = await qualifiedVendor(base, 41, '汕头市甲质疑信息技术有限公司', { login: 'zhi.jia', password: 'Harbor-Lantern-Zhijia-7391' });
  const b = await qualifiedVendor(base, 42, '汕头市乙中标信息技术有限公司');
  const c = await qualifiedVendor(base, 43, '汕头市丙投标信息技术有限公司');
  const made = await api('POST', '/v1/tenders', officer.json.token, {
    title: '市数据共享平台运维项目', category: 'SYSTEM_INTEGRATION', budget: '1000000.00', method: 'lowest_price',
    bid_deadline: '2026-12-05T02:00:00Z' });
  assert.equal(made.status, 201, made.text);
  const tid = made.json.id;
  assert.equal((await api('POST', `/v1/tenders/${tid}/publish`, officer.json.token, {})).status, 200);
  for (const [v, price] of [[a, '900000.00'], [b, '800000.00'], [c, '950000.00']]) {
    assert.equal((await api('POST', `/v1/tenders/${tid}/bids`, v.token, { price, domestic: false })).status, 201);
  }
  env.server.setClock('2026-12-05T03:00:00Z');
  assert.equal((await api('POST', `/v1/tenders/${tid}/open`, officer.json.token, {})).status, 200);
  assert.equal((await api('POST', `/v1/tenders/${tid}/evaluate`, officer.json.token, {})).status, 200);
  env.server.setClock('2026-12-07T02:00:00Z');
  const awarded = await api('POST', `/v1/tenders/${tid}/award`, officer.json.token, {});
  assert.equal(awarded.status, 200, awarded.text);

  // 3. The bidder a reads the notice's period and challenges (an empty challenge is not sent).
  env.server.setClock('2026-12-08T02:00:00Z');
  const vendorPage = await pageAt('2026-12-08T02:00:00Z');
  await signIn(vendorPage, base, 'zhi.jia', 'Harbor-Lantern-Zhijia-7391');
  await vendorPage.goto(`${base}/console/tenders/${tid}`);
  await vendorPage.locator('#challenge-period-ends', { hasText: '2026-12-17' }).waitFor();
  await vendorPage.getByRole('button', { name: '提交质疑' }).click();
  await vendorPage.locator('#challenge-form-error', { hasText: '请填写内容' }).waitFor();
  assert.equal((await api('GET', `/v1/tenders/${tid}/challenges`, a.token)).json.items.length, 0);
  await vendorPage.getByLabel('质疑事项与理由').fill('中标人报价明显低于成本，请核实。');
  await vendorPage.getByRole('button', { name: '提交质疑' }).click();
  await vendorPage.locator('#challenges tbody tr', { hasText: '中标人报价明显低于成本' }).waitFor();
  assert.equal(await vendorPage.locator('#challenge-form').count(), 0);  // once per notice
  await vendorPage.shot('72-challenge');
  vendorPage.check();

  // 4. The officer: the answer due on the home page; the printed notice names the last day; the answer.
  const officerPage = await pageAt('2026-12-08T02:00:00Z');
  const officerPassword = await signInFirstTime(officerPage, base, 'qian.yi', officer.json.password);
  await officerPage.locator('#deadlines tr[data-kind="challenge_answer"]', { hasText: '2026-12-18' }).waitFor();  // 9, 12 (调休), 14–18
  await officerPage.locator('#deadlines tr[data-kind="challenge_answer"]').getByRole('link', { name: '市数据共享平台运维项目' }).click();
  await officerPage.getByRole('heading', { name: '市数据共享平台运维项目' }).waitFor();
  await expectUsable(officerPage);
  const answerForm = officerPage.locator('form[id^="answer-"]');
  await answerForm.getByLabel('结论').selectOption('dismissed');
  await answerForm.getByLabel('答复内容').fill('经核实，中标报价不低于成本。');
  await answerForm.getByLabel('处理措施').selectOption('cancel');
  await answerForm.getByRole('button', { name: '提交' }).click();
  await answerForm.locator('.error', { hasText: '只有结论为“成立”' }).waitFor();  // refused here, nothing sent
  await answerForm.getByLabel('处理措施').selectOption('');
  await answerForm.getByRole('button', { name: '提交' }).click();
  await officerPage.locator('#challenges tbody tr', { hasText: '驳回' }).waitFor();
  await officerPage.getByRole('link', { name: '打印中标结果公告' }).click();
  await officerPage.locator('#notice-objection', { hasText: '2026-12-17' }).waitFor();
  officerPage.check();

  // 5. a complains; the bureau decides at its desk.
  await vendorPage.goto(`${base}/console/tenders/${tid}`);
  await vendorPage.getByText('向监管部门投诉').click();
  await vendorPage.getByLabel('投诉事项与理由').fill('答复未说明核实依据。');
  await vendorPage.getByRole('button', { name: '提交投诉' }).click();
  await vendorPage.locator('#challenges tbody tr', { hasText: '已投诉' }).waitFor();
  const bureauDesk = await pageAt('2026-12-08T02:00:00Z');
  await signIn(bureauDesk, base, 'ju.zhang', bureauPassword);
  await bureauDesk.getByRole('link', { name: '投诉处理' }).click();
  await bureauDesk.locator('#complaints tbody tr', { hasText: '答复未说明核实依据' }).waitFor();
  await bureauDesk.shot('73-complaints');
  const decide = bureauDesk.locator('form[id^="decide-"]');
  await decide.getByLabel('结论').selectOption('dismissed');
  await decide.getByLabel('处理理由').fill('采购人已核实成本构成，答复并无不当。');
  await decide.getByRole('button', { name: '提交' }).click();
  await bureauDesk.locator('#complaints tbody tr', { hasText: '采购人已核实成本构成' }).waitFor();
  bureauDesk.check();

  // 6. After the period, the contract: a wrong amount is refused by the server, the right one recorded.
  env.server.setClock('2026-12-18T02:00:00Z');
  // The wrong amount's 422 is provoked on purpose: only the server knows the awarded price.
  const contractPage = await pageAt('2026-12-18T02:00:00Z', (r) => r.status() === 422 && r.url().endsWith('/contract'));
  await signIn(contractPage, base, 'qian.yi', officerPassword);
  await contractPage.goto(`${base}/console/tenders/${tid}`);
  await contractPage.getByLabel('合同签订日期').fill('2026-12-18');
  await contractPage.getByLabel('合同金额（元）').fill('800000.01');
  await contractPage.getByRole('button', { name: '登记合同' }).click();
  await contractPage.locator('#contract-error', { hasText: '须等于中标金额' }).waitFor();
  assert.equal((await api('GET', `/v1/tenders/${tid}`, officer.json.token)).json.status, 'awarded');
  await contractPage.getByLabel('合同金额（元）').fill('800,000');
  await contractPage.getByRole('button', { name: '登记合同' }).click();
  await contractPage.locator('#tender-status', { hasText: '已签订合同' }).waitFor();
  await contractPage.locator('#contract-facts', { hasText: '¥800,000.00' }).waitFor();
  await contractPage.shot('74-contract');
  contractPage.check();
});

test('an upheld challenge sent back to evaluation keeps the earlier report, listed on the tender page', async () => {
  const base = env.server.base;
  const api = (method, target, token, body) => call(base, method, target, token, body);
  env.server.setClock('2026-12-01T02:00:00Z');
  const officer = await api('POST', '/v1/accounts', adminToken, { name: '采购处 孙二', role: 'officer', login: 'sun.er' });
  const bidders = [];
  for (const [n, name, price] of [[51, '汕头市丁信息技术有限公司', '700000.00'], [52, '汕头市戊信息技术有限公司', '720000.00'],
                                   [53, '汕头市己信息技术有限公司', '750000.00']]) {
    bidders.push({ ...(await qualifiedVendor(base, n, name)), price });
  }
  const made = await api('POST', '/v1/tenders', officer.json.token, {
    title: '市电子证照系统升级项目', category: 'SYSTEM_INTEGRATION', budget: '1000000.00', method: 'lowest_price',
    bid_deadline: '2026-12-05T02:00:00Z' });
  const tid = made.json.id;
  assert.equal((await api('POST', `/v1/tenders/${tid}/publish`, officer.json.token, {})).status, 200);
  for (const v of bidders) assert.equal((await api('POST', `/v1/tenders/${tid}/bids`, v.token, { price: v.price, domestic: false })).status, 201);
  env.server.setClock('2026-12-05T03:00:00Z');
  assert.equal((await api('POST', `/v1/tenders/${tid}/open`, officer.json.token, {})).status, 200);
  assert.equal((await api('POST', `/v1/tenders/${tid}/evaluate`, officer.json.token, {})).status, 200);
  env.server.setClock('2026-12-07T02:00:00Z');
  assert.equal((await api('POST', `/v1/tenders/${tid}/award`, officer.json.token, {})).status, 200);
  env.server.setClock('2026-12-08T02:00:00Z');
  const challenge = await api('POST', `/v1/tenders/${tid}/challenges`, bidders[1].token, { grounds: '中标人资格证书已过期。' });
  assert.equal(challenge.status, 201, challenge.text);

  const page = await pageAt('2026-12-08T02:00:00Z');
  await signInFirstTime(page, base, 'sun.er', officer.json.password);
  await page.goto(`${base}/console/tenders/${tid}`);
  const answerForm = page.locator('form[id^="answer-"]');
  await answerForm.getByLabel('结论').selectOption('upheld');
  await answerForm.getByLabel('答复内容').fill('质疑成立，重新评审。');
  await answerForm.getByLabel('处理措施').selectOption('re_evaluate');
  await answerForm.getByRole('button', { name: '提交' }).click();
  await page.locator('#tender-status', { hasText: '已开标' }).waitFor();
  await page.locator('#evaluation-rounds tbody tr[data-round="1"]', { hasText: challenge.json.id }).waitFor();
  await page.getByRole('button', { name: '评审' }).click();
  await page.locator('#evaluation-rounds tbody tr[data-round="2"]', { hasText: '现行报告' }).waitFor();
  const rounds = (await api('GET', `/v1/tenders/${tid}/evaluations`, officer.json.token)).json.items;
  assert.deepEqual(rounds.map((r) => [r.round, r.current, r.set_aside_by]), [[1, false, challenge.json.id], [2, true, null]]);
  page.check();
});
