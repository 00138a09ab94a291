// An expert's score sheet: the opened tenders waiting for scores, one score per bid in the
// expert's own name, a score out of range refused before it is sent, a second submission
// replacing the first; the evaluation then carries the expert's scores by name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminToken, call, expectLabelled, qualifiedVendor, signInFirstTime, useServerAndBrowser, watchedPage } from './harness.mjs';

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

  const page = await watchedPage(env.browser);
  await signInFirstTime(page, base, 'sun.expert', expert.json.password);
  await page.getByRole('link', { name: /^待评分的采购项目/ }).click();
  await page.getByRole('heading', { name: '待评分的采购项目' }).waitFor();
  await page.getByRole('link', { name: '市一网通办平台运维项目' }).click();
  await page.locator('#score-sheet').waitFor();
  await expectLabelled(page);
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

  const report = await call(base, 'POST', `/v1/tenders/${tid}/evaluate`, officer.json.token, {});
  assert.equal(report.status, 200, report.text);
  const bids = (await call(base, 'GET', `/v1/tenders/${tid}/bids`, officer.json.token)).json.items;
  const byVendor = new Map(bids.map((b) => [b.vendor_id, b.id]));
  const row = (v) => report.json.ranking.find((r) => r.bid_id === byVendor.get(v.id));
  assert.equal(row(vendors[1]).technical_score, 69.5);
  assert.equal(row(vendors[1]).expert_scores[0].expert_name, '评审专家 孙教授');
  assert.equal(row(vendors[0]).technical_score, 60);
  assert.equal(row(vendors[2]).technical_score, 50);
  page.check();
});
