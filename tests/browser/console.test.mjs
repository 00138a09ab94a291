// The console's first journeys, clicked through in Debian's chromium against a real registryd:
// the page and its headers; a bureau clerk signs in (wrong password first), is made to change the
// one-time password, reviews the practitioners a vendor declared (the trust issue's queue),
// switches language, reloads, and signs out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminToken, call, expectUsable, idNumber, useServerAndBrowser, watchedPage } from './harness.mjs';

const env = useServerAndBrowser();

test('the console is served from the binary with safe headers, and any /console/ path opens it', async () => {
  for (const target of ['/console/', '/console/queue', '/console/tenders/tnd_x/report']) {
    const r = await fetch(env.server.base + target);
    assert.equal(r.status, 200, target);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.match(r.headers.get('content-security-policy'), /default-src 'none'; script-src 'self'/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('x-frame-options'), 'DENY');
    assert.match(await r.text(), /<html lang="zh-CN">/);
  }
  const js = await fetch(`${env.server.base}/console/app.js`);
  assert.match(js.headers.get('content-type'), /^text\/javascript/);
  const again = await fetch(`${env.server.base}/console/app.js`, { headers: { 'If-None-Match': js.headers.get('etag') } });
  assert.equal(again.status, 304);
  const bare = await fetch(`${env.server.base}/console`, { redirect: 'manual' });
  assert.equal(bare.status, 308);
  assert.equal(bare.headers.get('location'), '/console/');
  assert.equal((await fetch(`${env.server.base}/console/`, { method: 'POST' })).status, 405);
  // The server's bare address leads to the console.
  const root = await fetch(`${env.server.base}/`, { redirect: 'manual' });
  assert.equal(root.status, 302);
  assert.equal(root.headers.get('location'), '/console/');
});

test('a bureau clerk signs in, changes the one-time password and reviews practitioners', async () => {
  // The scene, set through the API: a clerk with a login, a vendor that declared two people.
  const clerk = await call(env.server.base, 'POST', '/v1/accounts', adminToken,
    { name: '李明', role: 'bureau', login: 'clerk.li' });
  assert.equal(clerk.status, 201, clerk.text);
  const vendor = await call(env.server.base, 'POST', '/v1/vendors', null,
    { name: '汕头市示例信息技术有限公司', credit_code: '91440500MA4UNKE12L', enterprise_size: 'small' });
  assert.equal(vendor.status, 201, vendor.text);
  const vendorId = vendor.json.vendor.id;
  const people = [];
  for (const [name, id] of [['陈志强', idNumber(1)], ['林小红', idNumber(2)]]) {
    const p = await call(env.server.base, 'POST', `/v1/vendors/${vendorId}/practitioners`, vendor.json.token, {
      name, id_number: id,
      credentials: [{ type: 'RK_SI_PM', certificate_no: `SI-${name}`, issued_on: '2020-05-20' }],
    });
    assert.equal(p.status, 201, p.text);
    people.push(p.json);
  }
  const scan = await fetch(`${env.server.base}/v1/files?name=${encodeURIComponent('营业执照扫描件.pdf')}`, {
    method: 'POST', headers: { Authorization: `Bearer ${vendor.json.token}`, 'Content-Type': 'application/pdf' },
    body: '%PDF-1.4\n% a scan\n%%EOF\n',
  });
  assert.equal(scan.status, 201);
  const scanId = (await scan.json()).id;
  const application = await call(env.server.base, 'POST', '/v1/applications', vendor.json.token, {
    kind: 'listing', evidence: [{ name: '营业执照副本.pdf', sha256: 'a'.repeat(64) }, { file_id: scanId }],
  });
  assert.equal(application.status, 201, application.text);
  const item = await call(env.server.base, 'POST', '/v1/catalog/items', vendor.json.token, {
    category: 'SYSTEM_INTEGRATION', name: '政务云平台系统集成实施服务', description: '资源池建设与运维',
    domestic: true, unit_price: '1280000.00', unit: '项',
  });
  assert.equal(item.status, 201, item.text);
  // Two qualifications: one expires in 30 days (in the queue), one in two years (not).
  const day = (n) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400000));
  for (const [no, expires] of [['ITSS-SOON', 30], ['ITSS-LATER', 730]]) {
    const q = await call(env.server.base, 'POST', `/v1/vendors/${vendorId}/qualifications`, adminToken, {
      type: 'ITSS', level: '三级', certificate_no: no, issuer: '中国电子工业标准化技术协会',
      issued_on: day(-300), expires_on: day(expires),
    });
    assert.equal(q.status, 201, q.text);
  }

  const page = await watchedPage(env.browser, { allow: (r) => r.status() === 401 && r.url().endsWith('/v1/sessions') });
  await page.goto(`${env.server.base}/console/`);
  await page.getByRole('heading', { name: '登录' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await expectUsable(page);
  await page.shot('01-sign-in');

  // A wrong password: the same answer as a wrong login.
  await page.getByLabel('登录名').fill('clerk.li');
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('alert').filter({ hasText: '登录名或密码不正确' }).waitFor();

  await page.getByLabel('密码').fill(clerk.json.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '请设置新密码' }).waitFor();
  await expectUsable(page);
  await page.shot('02-change-password');
  const fresh = 'Qiaotou-Lantern-7391-Harbor';
  await page.getByLabel('当前密码').fill(clerk.json.password);
  await page.getByLabel('新密码', { exact: true }).fill(fresh);
  await page.getByLabel('再次输入新密码').fill(`${fresh}x`);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByRole('alert').filter({ hasText: '两次输入的新密码不一致' }).waitFor();
  await page.getByLabel('再次输入新密码').fill(fresh);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByRole('heading', { name: '您好，李明' }).waitFor();
  await page.shot('03-bureau-home');

  // The queue: vendor names, not ids; approve one, reject the other with a reason.
  await page.getByRole('link', { name: '工作队列' }).first().click();
  await page.getByRole('heading', { name: '待审核的从业人员' }).waitFor();
  await page.locator('#item-queue').waitFor();
  await expectUsable(page);
  await page.shot('04-queue-waiting');
  const queueText = await page.locator('main').innerText();
  assert.doesNotMatch(queueText, /ven_/);
  assert.match(await page.locator('#item-queue').innerText(), /¥1,280,000\.00 \/ 项/);
  assert.match(await page.locator('#item-queue').innerText(), /系统集成/);  // the category's name
  assert.match(await page.locator('#application-queue').innerText(), /营业执照副本\.pdf/);
  // The uploaded scan opens from the queue, with the clerk's session.
  const scanLink = page.getByRole('link', { name: '营业执照扫描件.pdf' });
  assert.equal(await scanLink.getAttribute('href'), `/v1/files/${scanId}`);
  const download = await page.request.get(`${env.server.base}/v1/files/${scanId}`);
  assert.equal(download.status(), 200);
  assert.match(await download.text(), /^%PDF-1\.4/);
  const expiringText = await page.locator('#expiring-queue').innerText();
  assert.match(expiringText, /ITSS-SOON/);
  assert.match(expiringText, /30 天/);
  assert.doesNotMatch(expiringText, /ITSS-LATER/);
  await page.getByRole('button', { name: '批准 政务云平台系统集成实施服务' }).click();
  await page.getByRole('status').filter({ hasText: '已批准：政务云平台系统集成实施服务' }).waitFor();
  await page.locator('#item-queue-empty').waitFor();
  await page.getByLabel('驳回理由（汕头市示例信息技术有限公司 入围申请）').fill('营业执照已过期');
  await page.getByRole('button', { name: '驳回 汕头市示例信息技术有限公司 入围申请' }).click();
  await page.getByRole('status').filter({ hasText: '已驳回' }).waitFor();
  await page.locator('#application-queue-empty').waitFor();
  const itemNow = (await call(env.server.base, 'GET', `/v1/catalog/items/${item.json.id}`, adminToken)).json;
  assert.equal(itemNow.status, 'listed');
  assert.equal(itemNow.domestic_verified, true);
  const appNow = (await call(env.server.base, 'GET', `/v1/applications/${application.json.id}`, adminToken)).json;
  assert.equal(appNow.status, 'rejected');
  assert.equal(appNow.comment, '营业执照已过期');
  const rows = page.locator('#practitioner-queue tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.first().innerText(), /汕头市示例信息技术有限公司/);
  assert.match(await rows.first().innerText(), /系统集成项目管理工程师/);  // the certificate's name, not its code
  assert.doesNotMatch(await page.locator('#practitioner-queue').innerText(), /ven_/);
  assert.ok(!(await page.locator('#practitioner-queue').innerText()).includes(idNumber(1)));  // masked
  await page.shot('05-queue-practitioners');
  await page.getByRole('button', { name: '批准 陈志强' }).click();
  await page.getByRole('status').filter({ hasText: '已批准：陈志强' }).waitFor();
  await page.getByRole('button', { name: '驳回 林小红' }).click();
  await page.getByRole('status').filter({ hasText: '驳回须说明理由' }).waitFor();
  await page.getByLabel('驳回理由（林小红）').fill('证书编号查无此证');
  await page.getByRole('button', { name: '驳回 林小红' }).click();
  await page.getByRole('status').filter({ hasText: '已驳回：林小红' }).waitFor();
  await page.locator('#practitioner-queue-empty').waitFor();
  const decided = {};
  for (const p of people) decided[p.name] = (await call(env.server.base, 'GET', `/v1/practitioners/${p.id}`, adminToken)).json;
  assert.equal(decided['陈志强'].status, 'active');
  assert.equal(decided['林小红'].status, 'rejected');
  assert.equal(decided['林小红'].decision_comment, '证书编号查无此证');
  assert.equal(decided['陈志强'].decided_by, clerk.json.id, 'the decision is the clerk\'s, not the admin\'s');

  // English, and back; a reload keeps the session and the screen.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Work queue' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.shot('06-queue-en');
  await page.getByRole('button', { name: '中文' }).click();
  // Each screen's reads finish before the next navigation (a reload aborts what is in flight).
  await page.locator('#expiring-queue').waitFor();
  await page.reload();
  await page.getByRole('heading', { name: '工作队列' }).waitFor();
  await page.locator('#expiring-queue').waitFor();

  // Signing out ends the session: the queue address now shows the sign-in form.
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '登录' }).waitFor();
  await page.goto(`${env.server.base}/console/queue`);
  await page.getByRole('heading', { name: '登录' }).waitFor();
  page.check();
});
