// The officer's journey from opening to award in the console, and the printed evaluation
// report: three bidders (two at the same price, one with verified domestic items), the opening
// after the deadline (registryd's clock moved by the test), the evaluation with the domestic
// tie-break, the award, and the report printed to PDF by chromium and read with pdftotext.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { adminToken, call, qualifiedVendor, screenshotDir, signInFirstTime, useServerAndBrowser, watchedPage } from './harness.mjs';

// The same journey on SQLite and, once, on MariaDB (the console issue asks for both).
for (const storage of ['sqlite', 'mysql']) {
const env = useServerAndBrowser({ clock: '2026-12-01T02:00:00Z', storage: storage === 'mysql' ? 'mysql' : undefined });

test(`an officer opens, evaluates and awards a tender, and the printed report names the winner and the tie-break (${storage})`, async () => {
  const base = env.server.base;
  const a = await qualifiedVendor(base, 1, '汕头市甲信息技术有限公司');
  const b = await qualifiedVendor(base, 2, '汕头市乙信息技术有限公司');
  const c = await qualifiedVendor(base, 3, '汕头市丙国产软件有限公司');
  const item = await call(base, 'POST', '/v1/catalog/items', c.token, {
    category: 'SYSTEM_INTEGRATION', name: '国产集成服务', domestic: true, unit_price: '1000.00', unit: '项' });
  assert.equal(item.status, 201, item.text);
  assert.equal((await call(base, 'POST', `/v1/catalog/items/${item.json.id}/decision`, adminToken, { decision: 'approve' })).status, 200);
  const officer = await call(base, 'POST', '/v1/accounts', adminToken, { name: '采购处 王五', role: 'officer', login: 'wang.wu' });
  const tender = await call(base, 'POST', '/v1/tenders', officer.json.token, {
    title: '市政务云平台集成项目', category: 'SYSTEM_INTEGRATION', budget: '1000000.00', method: 'lowest_price',
    bid_deadline: '2026-12-05T02:00:00Z' });
  assert.equal(tender.status, 201, tender.text);
  const tid = tender.json.id;
  assert.equal((await call(base, 'POST', `/v1/tenders/${tid}/publish`, officer.json.token, {})).status, 200);
  for (const [v, body] of [[a, { price: '900000.00', domestic: false }], [b, { price: '800000.00', domestic: false }],
                           [c, { price: '800000.00', domestic: true, items: [item.json.id] }]]) {
    const bid = await call(base, 'POST', `/v1/tenders/${tid}/bids`, v.token, body);
    assert.equal(bid.status, 201, bid.text);
  }
  env.server.setClock('2026-12-05T02:00:01Z');  // past the deadline

  const page = await watchedPage(env.browser);
  await signInFirstTime(page, base, 'wang.wu', officer.json.password);
  await page.goto(`${base}/console/tenders/${tid}`);
  await page.getByRole('heading', { name: '市政务云平台集成项目' }).waitFor();
  await page.getByRole('button', { name: '开标' }).click();
  await page.locator('#tender-bids').waitFor();
  const bidsText = await page.locator('#tender-bids').innerText();
  for (const v of [a, b, c]) assert.match(bidsText, new RegExp(v.name));
  assert.match(bidsText, /国产（已核验）/);
  await page.getByRole('button', { name: '评审' }).click();
  await page.locator('#tender-ranking').waitFor();
  const rows = page.locator('#tender-ranking tbody tr');
  assert.match(await rows.nth(0).innerText(), /汕头市丙国产软件有限公司[\s\S]*国产产品优先/);
  assert.match(await rows.nth(1).innerText(), /汕头市乙信息技术有限公司/);
  assert.match(await rows.nth(2).innerText(), /汕头市甲信息技术有限公司/);
  await page.shot(`52-tender-evaluated-${storage}`);
  await page.getByRole('button', { name: '按排名第一定标' }).click();
  await page.locator('#tender-status', { hasText: '已定标' }).waitFor();

  await page.getByRole('link', { name: '打印评标报告' }).click();
  await page.getByRole('heading', { name: /^评标报告/ }).waitFor();
  await page.locator('#report-winner').waitFor();
  await page.shot(`53-report-${storage}`);
  const pdf = path.join(screenshotDir, `evaluation-report-${storage}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  // Line breaks fall where the page width puts them: compare without white space.
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/\s+/g, '');
  for (const v of [a, b, c]) assert.ok(text.includes(v.name), `${v.name} is not on the printed report`);
  assert.match(text, /「汕头市丙国产软件有限公司」与「汕头市乙信息技术有限公司」评审结果相同/);
  assert.match(text, /推荐中标人：汕头市丙国产软件有限公司/);
  assert.match(text, /依据“国产产品优先”/);
  assert.match(text, /评标委员会成员签字/);
  assert.doesNotMatch(text, /退出登录/);  // the console's bar is not printed
  page.check();
});
}
