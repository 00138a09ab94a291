// A vendor's whole journey in the console, from registration to its result after the award:
// registers (the credit code checked as it is typed), keeps its contact details, applies for a
// qualification with an uploaded scan (a file that is not what it claims refused), applies for
// listing, proposes a catalog item, sees the tender it may bid in, submits, replaces, withdraws
// and re-submits its bid, and after the award reads that it won; in a second tender it
// withdraws for good, and reads that it took no part. The bureau's and officer's steps are set by the API
// (their screens have their own tests). On SQLite and once on MariaDB.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminToken, call, creditCode, expectKeyboardReachable, expectUsable, idNumber, qualifiedVendor, useServerAndBrowser, watchedPage } from './harness.mjs';

// The smallest file that is a PDF by its bytes (the server sniffs "%PDF-").
const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

for (const storage of ['sqlite', 'mysql']) {
const env = useServerAndBrowser({ clock: '2026-12-01T02:00:00Z', storage: storage === 'mysql' ? 'mysql' : undefined });

test(`a vendor registers, qualifies, gets listed, bids and reads its result (${storage})`, async () => {
  const base = env.server.base;
  const name = '汕头市自助登记信息技术有限公司';
  const password = 'Harbor-Lantern-Selfreg-7391';
  // Refusals this journey expects: the mislabelled file's 415, and once the clock has passed a
  // week (the session's 12 hours are over) the 401 that sends the vendor back to sign-in.
  let sessionOver = false;
  const page = await watchedPage(env.browser, { allow: (r) => (r.status() === 415 && r.url().includes('/v1/files'))
    || (sessionOver && r.status() === 401 && r.url().endsWith('/v1/me')) });
  const signIn = async () => {
    await page.getByLabel('登录名').fill('selfreg.lin');
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  };
  // The browser's clock follows registryd's (the console hides the bid form after the deadline).
  await page.clock.install({ time: new Date('2026-12-01T02:00:00Z') });

  // Registration, from the sign-in page.
  await page.goto(`${base}/console/`);
  await page.getByRole('link', { name: /在此登记/ }).click();
  await page.getByRole('heading', { name: '供应商登记' }).waitFor();
  await expectUsable(page);
  const good = creditCode(91);
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  await page.getByLabel('单位名称（与营业执照一致）').fill(name);
  await page.getByLabel('统一社会信用代码').fill(bad.toLowerCase());  // typed in lower case: upper-cased as typed
  await page.locator('#register-credit-hint', { hasText: '第 18 位校验码与前 17 位不符' }).waitFor();
  assert.equal(await page.getByLabel('统一社会信用代码').inputValue(), bad);
  await page.getByLabel('统一社会信用代码').fill(good.slice(0, 10));
  await page.locator('#register-credit-hint', { hasText: '应为 18 位' }).waitFor();
  await page.getByLabel('统一社会信用代码').fill(good);
  await page.locator('#register-credit-hint', { hasText: '代码校验通过' }).waitFor();
  await page.getByLabel('企业规模').selectOption('medium');
  await page.getByLabel('联系人').fill('林小姐');
  await page.getByLabel('登录名').fill('selfreg.lin');
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('再次输入新密码').fill(password);
  await page.shot(`60-register-${storage}`);
  await page.getByRole('button', { name: '登记' }).click();
  await page.locator('#register-done').waitFor();
  assert.match(await page.locator('#register-token').innerText(), /仅显示这一次/);
  const listed = await call(base, 'GET', `/v1/vendors?q=${encodeURIComponent(name)}`, adminToken);
  assert.equal(listed.json.items.length, 1);
  const vendor = listed.json.items[0];
  assert.equal(vendor.credit_code, good);
  assert.equal(vendor.enterprise_size, 'medium');
  assert.equal(vendor.status, 'registered');

  // Sign in with the login and password chosen (no forced change: the vendor chose it).
  await page.getByRole('link', { name: '去登录' }).click();
  await signIn();
  await page.getByRole('heading', { name: /^您好，/ }).waitFor();

  // The profile: contact details saved with the version read (If-Match).
  await page.getByRole('link', { name: '本单位信息与市场准入' }).click();
  await page.getByRole('heading', { name }).waitFor();
  await page.locator('#vendor-access tbody[data-complete="true"]').waitFor();
  await expectUsable(page);
  await page.getByLabel('电话').fill('0754-88881234');
  await page.getByLabel('地址').fill('汕头市龙湖区长平路 1 号');
  await page.getByRole('button', { name: '保存联系方式' }).click();
  await page.locator('#status', { hasText: '联系方式已保存' }).waitFor();
  const saved = await call(base, 'GET', `/v1/vendors/${vendor.id}`, adminToken);
  assert.equal(saved.json.contact.phone, '0754-88881234');
  assert.equal(saved.json.contact.name, '林小姐');

  // A qualification application with its scan; first a PDF that calls itself a PNG: refused.
  await page.getByRole('link', { name: '申请', exact: true }).click();
  await page.getByRole('heading', { name: '资质与入围申请' }).waitFor();
  await expectUsable(page);
  await page.getByLabel('资质类型').selectOption('CS');
  await page.getByLabel('等级').selectOption('CS3');
  await page.getByLabel('证书编号').fill('CS3-2026-0091');
  await page.getByLabel('发证机构').fill('中国电子信息行业联合会');
  await page.getByLabel('发证日期').fill('2025-03-01');
  await page.getByLabel('有效期至').fill('2029-02-28');
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.locator('#apply-error', { hasText: '请上传证书扫描件' }).waitFor();
  await page.getByLabel('证明材料（证书扫描件）').setInputFiles({ name: '证书.png', mimeType: 'image/png', buffer: pdfBytes });
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.locator('#apply-error', { hasText: '文件内容与其类型不符' }).waitFor();
  assert.equal((await call(base, 'GET', `/v1/applications?vendor_id=${vendor.id}`, adminToken)).json.items.length, 0);
  await page.getByLabel('证明材料（证书扫描件）').setInputFiles({ name: 'CS3证书.pdf', mimeType: 'application/pdf', buffer: pdfBytes });
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.locator('#apps-list tbody tr', { hasText: '待审核' }).waitFor();
  assert.match(await page.locator('#apps-list').innerText(), /CS3证书\.pdf/);
  await page.shot(`61-applications-${storage}`);
  const apps = (await call(base, 'GET', `/v1/applications?vendor_id=${vendor.id}`, adminToken)).json.items;
  assert.equal(apps.length, 1);
  const fileId = apps[0].evidence[0].file_id;
  const file = await fetch(`${base}/v1/files/${fileId}`, { headers: { Authorization: `Bearer ${adminToken}` } });
  assert.deepEqual(Buffer.from(await file.arrayBuffer()), pdfBytes);
  assert.equal((await call(base, 'POST', `/v1/applications/${apps[0].id}/decision`, adminToken, { decision: 'approve', comment: '证书核验无误' })).status, 200);
  for (const k of [1, 2]) {
    assert.equal((await call(base, 'POST', `/v1/vendors/${vendor.id}/practitioners`, adminToken, {
      name: `项目经理${k}`, id_number: idNumber(900 + k),
      credentials: [{ type: 'RK_SI_PM', certificate_no: `PM-91-${k}`, issued_on: '2020-01-01' }] })).status, 201);
  }

  // The listing application; the bureau approves it.
  await page.reload();
  await page.locator('#apps-list tbody tr', { hasText: '证书核验无误' }).waitFor();
  await page.getByRole('button', { name: '申请入围' }).click();
  await page.locator('#apps-list tbody tr', { hasText: '入围申请' }).waitFor();
  const listing = (await call(base, 'GET', `/v1/applications?vendor_id=${vendor.id}&status=submitted`, adminToken)).json.items;
  assert.equal(listing.length, 1);
  assert.equal(listing[0].kind, 'listing');
  assert.equal((await call(base, 'POST', `/v1/applications/${listing[0].id}/decision`, adminToken, { decision: 'approve' })).status, 200);

  // A domestic catalog item; a price that is not money refused before it is sent.
  await page.getByRole('link', { name: '采购目录产品' }).first().click();
  await page.getByRole('heading', { name: '采购目录产品' }).waitFor();
  await expectUsable(page);
  await page.getByLabel('品目').selectOption('SYSTEM_INTEGRATION');
  await page.getByLabel('产品名称').fill('国产政务云集成服务');
  await page.getByLabel('说明').fill('基于国产服务器与操作系统的集成服务');
  await page.getByLabel('单价（元）').fill('十万');
  await page.getByLabel('计量单位').fill('项');
  await page.getByLabel('国产产品').check();
  await page.getByRole('button', { name: '申报', exact: true }).click();
  await page.locator('#item-error', { hasText: '金额格式不正确' }).waitFor();
  await page.getByLabel('单价（元）').fill('100,000');
  await page.getByRole('button', { name: '申报', exact: true }).click();
  await page.locator('#item-list tbody tr', { hasText: '待审核' }).waitFor();
  const items = (await call(base, 'GET', `/v1/catalog/items?vendor_id=${vendor.id}`, adminToken)).json.items;
  assert.equal(items.length, 1);
  assert.equal(items[0].unit_price, '100000.00');
  assert.equal(items[0].domestic, true);
  assert.equal((await call(base, 'POST', `/v1/catalog/items/${items[0].id}/decision`, adminToken, { decision: 'approve' })).status, 200);

  // A tender it may bid in, against two other qualified vendors.
  const officer = await call(base, 'POST', '/v1/accounts', adminToken, { name: '采购处 赵六', role: 'officer' });
  const tender = await call(base, 'POST', '/v1/tenders', officer.json.token, {
    title: '市档案数字化集成项目', category: 'SYSTEM_INTEGRATION', budget: '2000000.00', method: 'lowest_price',
    bid_deadline: '2026-12-08T02:00:00Z' });
  assert.equal(tender.status, 201, tender.text);
  const tid = tender.json.id;
  // A second tender, in which the vendor will bid and withdraw; a third bidder keeps it valid.
  const second = await call(base, 'POST', '/v1/tenders', officer.json.token, {
    title: '市政务外网运维项目', category: 'SYSTEM_INTEGRATION', budget: '900000.00', method: 'lowest_price',
    bid_deadline: '2026-12-08T02:00:00Z' });
  assert.equal(second.status, 201, second.text);
  const tid2 = second.json.id;
  for (const x of [tid, tid2]) assert.equal((await call(base, 'POST', `/v1/tenders/${x}/publish`, officer.json.token, {})).status, 200);
  for (const [n, vname, price] of [[4, '汕头市丁信息技术有限公司', '1500000.00'], [5, '汕头市戊信息技术有限公司', '1300000.00'],
    [6, '汕头市己信息技术有限公司', null]]) {
    const other = await qualifiedVendor(base, n, vname);
    if (price) assert.equal((await call(base, 'POST', `/v1/tenders/${tid}/bids`, other.token, { price, domestic: false })).status, 201);
    assert.equal((await call(base, 'POST', `/v1/tenders/${tid2}/bids`, other.token, { price: '800000.00', domestic: false })).status, 201);
  }

  await page.getByRole('link', { name: '采购项目' }).first().click();
  await page.locator('#vendor-tender-list tbody[data-complete="true"]').waitFor();
  assert.match(await page.locator(`#vendor-tender-list tr[data-id="${tid}"]`).innerText(), /市档案数字化集成项目[\s\S]*可以参与/);
  await page.getByRole('link', { name: '市档案数字化集成项目' }).click();
  await page.locator('#own-bid-none').waitFor();
  await expectUsable(page);
  await page.getByLabel('投标报价（元）').fill('1400000');
  await page.getByLabel(/国产政务云集成服务/).check();
  await page.getByLabel('声明为国产').check();
  await page.getByRole('button', { name: '提交投标' }).click();
  await page.locator('#own-bid').waitFor();
  assert.match(await page.locator('#own-bid').innerText(), /¥1,400,000\.00[\s\S]*国产（已核验）/);
  // Replaced before the deadline: one live bid, the new price.
  await page.getByLabel('投标报价（元）').fill('1200000.00');
  await page.getByRole('button', { name: '以此替换原投标' }).click();
  await page.locator('#own-bid', { hasText: '¥1,200,000.00' }).waitFor();
  await page.shot(`62-bid-${storage}`);
  await expectKeyboardReachable(page);
  // Withdrawn and bid again before the deadline: the confirmation first, and "keep it" keeps it.
  await page.getByRole('button', { name: '撤回投标' }).click();
  await page.getByRole('button', { name: '不撤回' }).click();
  assert.equal(await page.locator('#withdraw-confirm').isVisible(), false);
  assert.match(await page.locator('#own-bid-status').innerText(), /已提交/);
  await page.getByRole('button', { name: '撤回投标' }).click();
  await page.shot(`64-withdraw-confirm-${storage}`);
  await page.getByRole('button', { name: '确定撤回' }).click();
  await page.locator('#own-bid-status', { hasText: '已撤回' }).waitFor();
  assert.match(await page.locator('#own-bid').innerText(), /撤回时间/);
  assert.equal(await page.getByRole('button', { name: '撤回投标' }).count(), 0, 'nothing live to withdraw');
  await page.getByRole('button', { name: '提交投标' }).click();  // the form keeps the withdrawn bid's terms
  await page.locator('#own-bid-status', { hasText: '已提交' }).waitFor();
  assert.match(await page.locator('#own-bid').innerText(), /¥1,200,000\.00/);

  // In the second tender it bids and withdraws for good.
  await page.goto(`${base}/console/tenders/${tid2}`);
  await page.locator('#own-bid-none').waitFor();
  await page.getByLabel('投标报价（元）').fill('700000');
  await page.getByRole('button', { name: '提交投标' }).click();
  await page.locator('#own-bid-status', { hasText: '已提交' }).waitFor();
  await page.getByRole('button', { name: '撤回投标' }).click();
  await page.getByRole('button', { name: '确定撤回' }).click();
  await page.locator('#own-bid-status', { hasText: '已撤回' }).waitFor();
  await page.shot(`65-withdrawn-${storage}`);

  env.server.setClock('2026-12-08T02:00:01Z');
  await page.clock.setSystemTime(new Date('2026-12-08T02:00:01Z'));
  sessionOver = true;
  await page.reload();
  await page.locator('#signin-form').waitFor();
  await signIn();
  await page.locator('#own-bid').waitFor();
  assert.equal(await page.locator('#bid-form').count(), 0, 'no bid form after the deadline');
  for (const x of [tid, tid2]) {
    for (const step of ['open', 'evaluate', 'award']) {
      const r = await call(base, 'POST', `/v1/tenders/${x}/${step}`, officer.json.token, {});
      assert.equal(r.status, 200, `${step}: ${r.text}`);
    }
  }
  // The withdrawn bid was not opened: the officer reads the three others only.
  const opened2 = await call(base, 'GET', `/v1/tenders/${tid2}/bids`, officer.json.token);
  assert.equal(opened2.json.items.length, 3);
  assert.ok(opened2.json.items.every((b) => b.vendor_id !== vendor.id));
  await page.goto(`${base}/console/tenders/${tid}`);
  await page.locator('#own-result', { hasText: '本单位中标（第 1 名）' }).waitFor();
  await page.shot(`63-result-${storage}`);
  await page.goto(`${base}/console/tenders/${tid2}`);
  await page.locator('#own-result', { hasText: '本单位已在截止前撤回投标' }).waitFor();
  page.check();
});
}
