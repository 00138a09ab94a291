// The procedure before the opening in the console (issue 19): a vendor asks a question; the
// officer answers it with an amendment that moves the deadline; another vendor reads the answer
// without the asker's name. Then a tender sealed by its bidders: the officer creates it in the
// form, a vendor's price is sealed in the browser (WebCrypto; the server holds no price) with
// its credential kept and downloaded, revealed in one click after the opening; the officer
// draws the committee and ends the reveal window early, and a member finds the tender on its
// own list. Last, the bureau records an expert's specialties and affiliations.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

// A page whose clock is registryd's (the console hides forms after a deadline by its own clock).
// When registryd's clock jumps days ahead, the session has ended: the 401 of /v1/me that sends
// the page back to sign-in is expected then.
async function pageAt(time) {
  const page = await watchedPage(env.browser, { allow: (r) => r.status() === 401 && r.url().endsWith('/v1/me') });
  await page.clock.install({ time: new Date(time) });
  return page;
}

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

test('an officer answers a vendor question with an amendment that moves the deadline; others read it without the asker', async () => {
  const base = env.server.base;
  const asker = await qualifiedVendor(base, 21, '汕头市甲问信息技术有限公司', { login: 'ask.jia', password: 'Harbor-Lantern-Askjia-7391' });
  await qualifiedVendor(base, 22, '汕头市乙读信息技术有限公司', { login: 'read.yi', password: 'Harbor-Lantern-Readyi-7391' });
  const officer = await call(base, 'POST', '/v1/accounts', adminToken, { name: '采购处 周九', role: 'officer', login: 'zhou.jiu' });
  const made = await call(base, 'POST', '/v1/tenders', officer.json.token, {
    title: '市政务服务中心网络改造项目', category: 'SYSTEM_INTEGRATION', budget: '1000000.00', method: 'lowest_price',
    bid_deadline: '2026-12-05T02:00:00Z' });
  assert.equal(made.status, 201, made.text);
  const tid = made.json.id;
  assert.equal((await call(base, 'POST', `/v1/tenders/${tid}/publish`, officer.json.token, {})).status, 200);

  // The vendor asks on the tender's page.
  const vendorPage = await pageAt('2026-12-01T02:00:00Z');
  await signIn(vendorPage, base, 'ask.jia', 'Harbor-Lantern-Askjia-7391');
  await vendorPage.goto(`${base}/console/tenders/${tid}`);
  await vendorPage.locator('#question-form').waitFor();
  await expectUsable(vendorPage);
  await vendorPage.getByRole('button', { name: '提交问题' }).click();
  await vendorPage.locator('#question-error', { hasText: '请填写问题' }).waitFor();  // nothing sent
  await vendorPage.getByLabel('向采购人提问').fill('是否接受联合体投标？');
  await vendorPage.getByRole('button', { name: '提交问题' }).click();
  await vendorPage.locator('#question-list li', { hasText: '是否接受联合体投标？' }).waitFor();
  vendorPage.check();

  // The officer sees the question with its asker and answers it, raising the budget.
  const officerPage = await pageAt('2026-12-01T02:00:00Z');
  await signInFirstTime(officerPage, base, 'zhou.jiu', officer.json.password);
  await officerPage.goto(`${base}/console/tenders/${tid}`);
  await officerPage.locator('#clar-form').waitFor();
  await expectUsable(officerPage);
  assert.match(await officerPage.locator('#question-list').innerText(), /汕头市甲问信息技术有限公司/);
  assert.match(await officerPage.locator('#clar-hint').innerText(), /不足 15 天/);
  await officerPage.getByLabel('公告内容').fill('接受联合体投标；预算调整为 120 万元。');
  await officerPage.getByLabel('答复的问题（不公开提问人）').selectOption({ label: '是否接受联合体投标？' });
  await officerPage.getByLabel('新的预算（元）').fill('1,200,000');
  await officerPage.getByRole('button', { name: '发布', exact: true }).click();
  await officerPage.locator('#status', { hasText: '投标截止顺延至' }).waitFor();
  await officerPage.locator('#clarification-list li', { hasText: '截止时间顺延至' }).waitFor();
  await officerPage.shot('66-clarification');
  officerPage.check();
  const tender = (await call(base, 'GET', `/v1/tenders/${tid}`, officer.json.token)).json;
  assert.equal(tender.bid_deadline, '2026-12-16T02:00:00Z');  // 15 days after the amendment
  assert.equal(tender.budget, '1200000.00');

  // Another vendor reads the answer and the question, never who asked.
  const readerPage = await pageAt('2026-12-01T02:00:00Z');
  await signIn(readerPage, base, 'read.yi', 'Harbor-Lantern-Readyi-7391');
  await readerPage.goto(`${base}/console/tenders/${tid}`);
  const published = await readerPage.locator('#clarification-list').innerText();
  assert.match(published, /问：是否接受联合体投标？/);
  assert.match(published, /预算改为/);
  assert.doesNotMatch(published, /甲问/);
  assert.equal(await readerPage.locator('#question-list').count(), 0);  // it asked nothing
  readerPage.check();
});

test('a vendor seals its price in the browser and reveals it in one click; the officer draws the committee', async () => {
  const base = env.server.base;
  const sealer = await qualifiedVendor(base, 31, '汕头市丙密信息技术有限公司', { login: 'seal.bing', password: 'Harbor-Lantern-Sealbing-7391' });
  const others = [await qualifiedVendor(base, 32, '汕头市丁密信息技术有限公司'), await qualifiedVendor(base, 33, '汕头市戊密信息技术有限公司')];
  const officer = await call(base, 'POST', '/v1/accounts', adminToken, { name: '采购处 吴十', role: 'officer', login: 'wu.shi' });
  const panel = [];
  for (const [name, login] of [['评审专家 钱', 'qian.expert'], ['评审专家 李', null], ['评审专家 郑', null], ['评审专家 冯', null], ['评审专家 陈', null]]) {
    const e = await call(base, 'POST', '/v1/accounts', adminToken, login ? { name, role: 'expert', login } : { name, role: 'expert' });
    assert.equal(e.status, 201, e.text);
    assert.equal((await call(base, 'PUT', `/v1/experts/${e.json.id}`, adminToken, { specialties: ['SYSTEM_INTEGRATION'], affiliations: [] })).status, 200);
    panel.push(e.json);
  }

  // The officer chooses sealing by the bidders in the new tender's form.
  const officerPage = await pageAt('2026-12-01T02:00:00Z');
  await signInFirstTime(officerPage, base, 'wu.shi', officer.json.password);
  await officerPage.goto(`${base}/console/tenders/new`);
  await officerPage.getByLabel('项目名称').fill('市大数据中心安全加固项目');
  await officerPage.locator('#tender-category').selectOption('SYSTEM_INTEGRATION');
  await officerPage.locator('#tender-budget').fill('1000000.00');
  await officerPage.locator('#tender-method').selectOption('lowest_price');
  await officerPage.locator('#tender-deadline').fill('2026-12-05T10:00');
  await officerPage.getByLabel('投标密封方式').selectOption('commit_reveal');
  await expectUsable(officerPage);
  await officerPage.getByRole('button', { name: '创建（草稿）' }).click();
  await officerPage.locator('#tender-sealing-fact', { hasText: '由投标人加密' }).waitFor();
  await officerPage.locator('#step-publish').click();
  await officerPage.locator('#tender-status', { hasText: '接受投标' }).waitFor();
  const tid = new URL(officerPage.url()).pathname.split('/').pop();

  // The vendor bids: the price is sealed in the page, the credential kept and downloadable.
  const vendorPage = await pageAt('2026-12-01T02:00:00Z');
  await signIn(vendorPage, base, 'seal.bing', 'Harbor-Lantern-Sealbing-7391');
  await vendorPage.goto(`${base}/console/tenders/${tid}`);
  await vendorPage.locator('#bid-sealed-hint').waitFor();
  await vendorPage.getByLabel('投标报价（元）').fill('812,345.67');
  await vendorPage.getByRole('button', { name: '提交投标' }).click();
  await vendorPage.locator('#seal-download').waitFor();
  assert.match(await vendorPage.locator('#own-bid-price').innerText(), /已加密/);
  await expectUsable(vendorPage);
  await vendorPage.shot('67-sealed-bid');
  const [download] = await Promise.all([vendorPage.waitForEvent('download'), vendorPage.locator('#seal-download').click()]);
  const credential = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(credential.price, '812345.67');
  assert.match(credential.nonce, /^[0-9a-f]{64}$/);
  assert.equal(credential.commitment, sha256(`${tid}|${sealer.id}|812345.67|${credential.nonce}`));
  // What the server holds: the commitment, no price.
  const held = (await call(base, 'GET', `/v1/tenders/${tid}/bids`, sealer.token)).json.items[0];
  assert.equal(held.price, null);
  assert.equal(held.commitment, credential.commitment);
  for (const [i, v] of others.entries()) {
    const nonce = `${i}`.repeat(32);
    const price = ['900000.00', '950000.00'][i];
    const r = await call(base, 'POST', `/v1/tenders/${tid}/bids`, v.token, { commitment: sha256(`${tid}|${v.id}|${price}|${nonce}`), domestic: false });
    assert.equal(r.status, 201, r.text);
  }

  // After the opening: one click reveals it.
  env.server.setClock('2026-12-05T02:00:01Z');
  assert.equal((await call(base, 'POST', `/v1/tenders/${tid}/open`, officer.json.token, {})).status, 200);
  // Four days on, the sessions have ended (8 hours idle): each signs in again.
  await vendorPage.clock.setSystemTime(new Date('2026-12-05T02:00:30Z'));
  await signIn(vendorPage, base, 'seal.bing', 'Harbor-Lantern-Sealbing-7391');
  await vendorPage.goto(`${base}/console/tenders/${tid}`);
  await vendorPage.getByRole('button', { name: /解密报价/ }).click();
  await vendorPage.locator('#seal-revealed', { hasText: '812,345.67' }).waitFor();
  await vendorPage.shot('68-revealed');
  vendorPage.check();
  assert.equal((await call(base, 'GET', `/v1/tenders/${tid}/bids`, sealer.token)).json.items[0].price, '812345.67');

  // The officer draws the committee; the seed and the candidates are shown.
  await officerPage.clock.setSystemTime(new Date('2026-12-05T02:00:40Z'));
  await signIn(officerPage, base, 'wu.shi', 'Harbor-Lantern-wu.shi-7391');
  await officerPage.goto(`${base}/console/tenders/${tid}`);
  await officerPage.locator('#close-reveal').waitFor();  // two bids are still sealed
  await officerPage.getByRole('button', { name: '随机抽取评标委员会' }).click();
  await officerPage.locator('#committee-members li').nth(4).waitFor();
  assert.equal(await officerPage.locator('#committee-members li').count(), 5);
  assert.match(await officerPage.locator('#committee-seed').innerText(), /候选专家 5 人/);
  await officerPage.shot('69-committee');
  // Two bids are still sealed; the owner ends the window, and they will be excluded.
  await officerPage.getByRole('button', { name: '提前结束解密期' }).click();
  await officerPage.locator('#status', { hasText: '解密期已结束' }).waitFor();
  await officerPage.locator('#close-reveal').waitFor({ state: 'detached' });
  officerPage.check();
  assert.equal((await call(base, 'GET', `/v1/tenders/${tid}`, officer.json.token)).json.reveal_closed_early_at, '2026-12-05T02:00:01Z');
  const report = await call(base, 'POST', `/v1/tenders/${tid}/evaluate`, officer.json.token, {});
  assert.equal(report.status, 200, report.text);
  assert.deepEqual(report.json.excluded.map((e) => e.reasons[0].code), ['not_revealed', 'not_revealed']);

  // A member finds the tender on its own list.
  const expertPage = await pageAt('2026-12-05T02:00:40Z');
  await signInFirstTime(expertPage, base, 'qian.expert', panel[0].password);
  await expertPage.getByRole('link', { name: /^待评分的采购项目/ }).click();
  await expertPage.locator('#expert-tenders').getByRole('link', { name: '市大数据中心安全加固项目' }).click();
  await expertPage.locator('#committee-members').waitFor();
  await expectUsable(expertPage);
  expertPage.check();
});

test('the bureau records an expert\'s specialties and affiliations, which the draw reads', async () => {
  const base = env.server.base;
  const clerk = await call(base, 'POST', '/v1/accounts', adminToken, { name: '刘芳', role: 'bureau', login: 'clerk.liu.expert' });
  const expert = await call(base, 'POST', '/v1/accounts', adminToken, { name: '评审专家 褚', role: 'expert' });
  assert.equal(expert.status, 201, expert.text);
  const page = await watchedPage(env.browser);
  await signInFirstTime(page, base, 'clerk.liu.expert', clerk.json.password);
  await page.goto(`${base}/console/accounts`);
  await page.getByRole('link', { name: '专业与回避 评审专家 褚' }).click();
  await page.getByRole('heading', { name: '评审专家 褚 的专业与关联单位' }).waitFor();
  await expectUsable(page);
  await page.getByLabel('信息系统集成实施服务').check();
  const good = (await call(base, 'GET', '/v1/vendors?limit=1', adminToken)).json.items[0].credit_code;
  const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');  // a wrong check character
  await page.getByLabel('关联单位的统一社会信用代码（每行一个）').fill(wrong);
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('#expert-error', { hasText: '校验码' }).waitFor();  // refused before it is sent: nothing saved
  assert.equal((await call(base, 'GET', `/v1/experts/${expert.json.id}`, adminToken)).json.version, 0);
  // A lower-case code is taken as typed in capitals.
  await page.getByLabel('关联单位的统一社会信用代码（每行一个）').fill(good.toLowerCase());
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('#status', { hasText: '已保存 评审专家 褚 的专业与关联单位' }).waitFor();
  const saved = (await call(base, 'GET', `/v1/experts/${expert.json.id}`, adminToken)).json;
  assert.deepEqual(saved.specialties, ['SYSTEM_INTEGRATION']);
  assert.deepEqual(saved.affiliations, [good]);
  page.check();
});
