// An expert's score sheet: the opened tenders waiting for scores, one score per bid in the
// expert's own name, a score out of range refused before it is sent, a second submission
// replacing the first; the evaluation then carries the expert's scores by name. Then the officer
// awards rank 2, which the console refuses to send without a justification, and prints the award
// notice (中标结果公告) to PDF, read back with pdftotext.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { adminToken, call, expectUsable, qualifiedVendor, screenshotDir, signInFirstTime, useServerAndBrowser, watchedPage } from './harness.mjs';

const env = useServerAndBrowser({ clock: '2026-12-01T02:00:00Z' });

test('an expert scores the bids of an opened tender on the score sheet', async () => {
  const base = env.server.base;
  const vendors = [];
  for (const [n, name] of [[6, '汕头市己信息技术有限公司'], [7, '汕头市庚信息技术有限公司'], [8, '汕头市辛信息技术有限公司']]) {
    vendors.push(await qualifiedVendor(base, n, name));
  }
  const officer = await call(base, 'POST', '/v1/accounts', adminToken, { name: '采购处 钱七', role: 'officer' });
  const expert = await call(base, 'POST', '/v1/accounts', adminToken, { name: '评审专家 孙教授', role: 'expert', login: 'sun.expert' });
  assert.equal(expert.status, 201, expert.text);
  const tender = await call(base, 'POST', '/v1/tenders', officer.json.token, {
    title: '市一网通办平台运维项目', category: 'SYSTEM_INTEGRATION', budget: '3000000.00', method: 'comprehensive',
    price_weight: 30, bid_deadline: '2026-12-06T02:00:00Z' });
  assert.equal(tender.status, 201, tender.text);
  const tid = tender.json.id;
  assert.equal((await call(base, 'POST', `/v1/tenders/${tid}/publish`, officer.json.token, {})).status, 200);
  for (const [v, price] of [[vendors[0], '2500000.00'], [vendors[1], '2600000.00'], [vendors[2], '2700000.00']]) {
    assert.equal((await call(base, 'POST', `/v1/tenders/${tid}/bids`, v.token, { price, domestic: false })).status, 201);
  }
  env.server.setClock('2026-12-06T02:00:01Z');
  assert.equal((await call(base, 'POST', `/v1/tenders/${tid}/open`, officer.json.token, {})).status, 200);
  // The committee (Order 87 Art. 47: five): the expert and four colleagues of the category.
  const panel = [expert.json];
  for (const name of ['评审专家 甲', '评审专家 乙', '评审专家 丙', '评审专家 丁']) {
    panel.push((await call(base, 'POST', '/v1/accounts', adminToken, { name, role: 'expert' })).json);
  }
  for (const p of panel) {
    const put = await call(base, 'PUT', `/v1/experts/${p.id}`, adminToken, { specialties: ['SYSTEM_INTEGRATION'], affiliations: [] });
    assert.equal(put.status, 200, put.text);
  }
  const drawn = await call(base, 'POST', `/v1/tenders/${tid}/committee`, officer.json.token, {});
  assert.equal(drawn.status, 201, drawn.text);

  const page = await watchedPage(env.browser);
  await signInFirstTime(page, base, 'sun.expert', expert.json.password);
  await page.getByRole('link', { name: /^待评分的采购项目/ }).click();
  await page.getByRole('heading', { name: '待评分的采购项目' }).waitFor();
  await page.getByRole('link', { name: '市一网通办平台运维项目' }).click();
  await page.locator('#score-sheet').waitFor();
  await expectUsable(page);
  assert.match(await page.locator('#score-form').innerText(), /0 至 70 分/);
  const field = (name) => page.getByLabel(`${name} 的技术得分`);
  await field(vendors[0].name).fill('60');
  await field(vendors[1].name).fill('71');  // over the 70 the price weight leaves
  await field(vendors[2].name).fill('50');
  await page.getByRole('button', { name: '提交评分' }).click();
  await page.locator('#score-error', { hasText: '0 至 70 分之间' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), `${vendors[1].name} 的技术得分`);
  await field(vendors[1].name).fill('40');
  await page.getByRole('button', { name: '提交评分' }).click();
  await page.locator('#score-done').waitFor();
  // A second submission replaces the first.
  await field(vendors[1].name).fill('69.5');
  await page.getByRole('button', { name: '提交评分' }).click();
  await page.locator('#status', { hasText: '评分已提交' }).waitFor();
  await page.shot('70-score-sheet');

  // The other members score as the expert did: the evaluation needs every member's score.
  const placed = (await call(base, 'GET', `/v1/tenders/${tid}/bids`, officer.json.token)).json.items;
  const same = new Map([[vendors[0].id, 60], [vendors[1].id, 69.5], [vendors[2].id, 50]]);
  for (const p of panel.slice(1)) {
    const r = await call(base, 'POST', `/v1/tenders/${tid}/scores`, p.token, { scores: placed.map((b) => ({ bid_id: b.id, technical_score: same.get(b.vendor_id) })) });
    assert.equal(r.status, 200, r.text);
  }
  const report = await call(base, 'POST', `/v1/tenders/${tid}/evaluate`, officer.json.token, {});
  assert.equal(report.status, 200, report.text);
  const bids = (await call(base, 'GET', `/v1/tenders/${tid}/bids`, officer.json.token)).json.items;
  const byVendor = new Map(bids.map((b) => [b.vendor_id, b.id]));
  const row = (v) => report.json.ranking.find((r) => r.bid_id === byVendor.get(v.id));
  assert.equal(row(vendors[1]).technical_score, 69.5);
  assert.ok(row(vendors[1]).expert_scores.some((e) => e.expert_name === '评审专家 孙教授' && e.technical_score === 69.5));
  assert.equal(row(vendors[0]).technical_score, 60);
  assert.equal(row(vendors[2]).technical_score, 50);
  page.check();

  // The officer awards the second-ranked bid: only with a justification.
  const officerLogin = await call(base, 'POST', '/v1/accounts', adminToken, { name: '采购处 周八', role: 'officer', login: 'zhou.ba' });
  assert.equal((await call(base, 'POST', `/v1/tenders/${tid}/officers`, officer.json.token, { account_id: officerLogin.json.id })).status, 201);
  const second = report.json.ranking[1];
  const secondName = vendors.find((v) => byVendor.get(v.id) === second.bid_id).name;
  const officerPage = await watchedPage(env.browser);
  await signInFirstTime(officerPage, base, 'zhou.ba', officerLogin.json.password);
  await officerPage.goto(`${base}/console/tenders/${tid}`);
  await officerPage.locator('#award-other').waitFor();
  await expectUsable(officerPage);
  await officerPage.getByLabel('定标给').selectOption({ label: `第 2 名：${secondName}` });
  await officerPage.getByRole('button', { name: '定标给所选投标' }).click();
  await officerPage.locator('#award-error', { hasText: '请填写不按排名第一定标的理由' }).waitFor();
  assert.equal((await call(base, 'GET', `/v1/tenders/${tid}`, adminToken)).json.status, 'evaluated');
  await officerPage.getByLabel('理由（记入审计日志）').fill('排名第一的投标人书面放弃中标');
  await officerPage.getByRole('button', { name: '定标给所选投标' }).click();
  await officerPage.locator('#tender-status', { hasText: '已定标' }).waitFor();
  await officerPage.shot('54-award-other');
  const awarded = (await call(base, 'GET', `/v1/tenders/${tid}`, adminToken)).json;
  const awardedPrice = `¥${Number(bids.find((b) => b.id === second.bid_id).price).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
  assert.equal(awarded.awarded_bid_id, second.bid_id);
  const audit = (await call(base, 'GET', `/v1/audit?tender_id=${tid}`, adminToken)).json.items;
  assert.ok(audit.some((e) => e.action === 'tender.award' && JSON.stringify(e.details || {}).includes('排名第一的投标人书面放弃中标')),
    'the justification is on the audit log');

  // The award notice, printed to PDF: the winner, its price and the bidders by name.
  await officerPage.getByRole('link', { name: '打印中标结果公告' }).click();
  await officerPage.locator('#notice-winner', { hasText: secondName }).waitFor();
  await officerPage.shot('55-award-notice');
  const pdf = path.join(screenshotDir, 'award-notice.pdf');
  await officerPage.emulateMedia({ media: 'print' });
  await officerPage.pdf({ path: pdf, format: 'A4', printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/\s+/g, '');
  assert.match(text, /中标结果公告/);
  assert.ok(text.includes(`中标供应商${secondName}`), 'the winner is on the printed notice');
  assert.ok(text.includes(`中标金额${awardedPrice}`), 'the awarded amount is on the printed notice');
  for (const v of vendors) assert.ok(text.includes(v.name), `${v.name} is not on the printed notice`);
  assert.match(text, /采购人（盖章）/);
  assert.doesNotMatch(text, /退出登录/);
  officerPage.check();
});
