// Data exchange in the console (the exchange issue): anyone reads the public information page
// without signing in (the approved list with names, not codes; sanctions in force; the catalog
// searched in Chinese) and sees nothing private; an officer downloads the approved list from
// the data exchange screen and gets the CSV the API serves.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { adminToken, call, creditCode, expectUsable, idNumber, qualifiedVendor, signInFirstTime, useServerAndBrowser, watchedPage } from './harness.mjs';

const env = useServerAndBrowser({ clock: '2026-12-01T02:00:00Z' });

test('the public page needs no sign-in and shows no private field; an officer downloads the approved list', async () => {
  const base = env.server.base;
  const api = (method, target, token, body) => call(base, method, target, token, body);
  const listed = await qualifiedVendor(base, 51, '汕头市公开信息技术有限公司');
  const debarred = await qualifiedVendor(base, 52, '汕头市受罚网络工程有限公司');
  assert.equal((await api('PATCH', `/v1/vendors/${listed.id}`, listed.token, { contact: { phone: '0754-88990011', email: 'private@open.example.cn' } })).status, 200);
  const item = await api('POST', '/v1/catalog/items', listed.token, { category: 'SYSTEM_INTEGRATION', name: '政务云集成服务', description: '国产化集成',
    domestic: true, unit_price: '120000.00', unit: '项' });
  assert.equal(item.status, 201, item.text);
  assert.equal((await api('POST', `/v1/catalog/items/${item.json.id}/decision`, adminToken, { decision: 'approve', comment: '核验' })).status, 200);
  assert.equal((await api('POST', `/v1/vendors/${debarred.id}/sanctions`, adminToken,
    { kind: 'debarment', reason: '提供虚假材料谋取中标', starts_on: '2026-11-20', ends_on: '2027-11-19' })).status, 201);
  const officer = await api('POST', '/v1/accounts', adminToken, { name: '采购处 孙七', role: 'officer', login: 'sun.qi' });
  assert.equal(officer.status, 201, officer.text);

  // 1. Anyone, from the sign-in page.
  const visitor = await watchedPage(env.browser);
  await visitor.goto(`${base}/console/`);
  await visitor.getByRole('link', { name: /不登录查看公开信息/ }).click();
  await visitor.getByRole('heading', { name: '信息公开' }).waitFor();
  await visitor.locator('#public-list tbody[data-complete="true"]').waitFor();
  const row = visitor.locator('#public-list tr', { hasText: listed.name });
  await row.waitFor();
  assert.match(await row.innerText(), /系统集成/, 'the category by its name');
  assert.match(await visitor.locator('#public-as-of').innerText(), /2026-12-01/);
  assert.match(await visitor.locator('#public-sanctions').innerText(), /汕头市受罚网络工程有限公司[\s\S]*禁止参加采购[\s\S]*提供虚假材料/);
  await visitor.getByLabel('产品或服务名称').fill('集成');
  await visitor.getByLabel('只看已核验的国产产品').check();
  await visitor.getByRole('button', { name: '查询' }).click();
  await visitor.locator('#public-catalog', { hasText: '政务云集成服务' }).waitFor();
  assert.match(await visitor.locator('#public-catalog').innerText(), /¥120,000.00／项/);
  assert.match(await visitor.locator('#public-catalog').innerText(), /国产（已核验）/);
  const text = await visitor.locator('main').innerText();
  for (const secret of ['0754-88990011', 'private@open.example.cn', '工程师511']) assert.ok(!text.includes(secret), `the public page shows ${secret}`);
  await expectUsable(visitor);
  await visitor.shot('75-public');
  visitor.check();

  // 2. An officer downloads the approved list as CSV.
  const page = await watchedPage(env.browser);
  await signInFirstTime(page, base, 'sun.qi', officer.json.password);
  await page.getByRole('link', { name: '数据交换', exact: true }).first().click();
  await page.getByRole('heading', { name: '数据交换' }).waitFor();
  await expectUsable(page);
  await page.shot('76-exchange');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '供应商名录（CSV）' }).click()]);
  assert.equal(download.suggestedFilename(), 'approved-list-2026-12-01.csv');
  const csv = await readFile(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFF"name","credit_code"'), csv.slice(0, 60));
  assert.ok(csv.includes(`"${listed.name}","${creditCode(70 + 51)}"`), csv);
  page.check();
});

test('the bureau checks a spreadsheet file, reads the rows in error, and imports the corrected file', async () => {
  const base = env.server.base;
  const api = (method, target, token, body) => call(base, method, target, token, body);
  const bureau = await api('POST', '/v1/accounts', adminToken, { name: '财政局 周八', role: 'bureau', login: 'zhou.ba' });
  assert.equal(bureau.status, 201, bureau.text);
  const page = await watchedPage(env.browser);
  await signInFirstTime(page, base, 'zhou.ba', bureau.json.password);
  await page.getByRole('link', { name: '数据交换', exact: true }).first().click();
  await page.getByRole('heading', { name: '导入' }).waitFor();
  await page.getByLabel('文件内容').selectOption('vendors');
  assert.match(await page.locator('#import-columns').innerText(), /credit_code/);

  // A file as a spreadsheet program in China saves it (GB18030), with a bad credit code in row 3.
  const gbName = Buffer.from([0xBC, 0xD7, 0xB9, 0xAB, 0xCB, 0xBE]);  // 甲公司
  const gbName2 = Buffer.from([0xD2, 0xD2, 0xB9, 0xAB, 0xCB, 0xBE]);  // 乙公司
  const bad = Buffer.concat([Buffer.from(`name,credit_code,enterprise_size,status\r\n`), gbName,
    Buffer.from(`,${creditCode(301)},small,listed\r\n`), gbName2, Buffer.from(`,91440500MA00000000,small,listed\r\n`)]);
  await page.getByLabel('CSV 文件').setInputFiles({ name: '供应商.csv', mimeType: 'text/csv', buffer: bad });
  await page.getByRole('button', { name: '检查文件（不导入）' }).click();
  await page.locator('#import-errors').waitFor();
  const errors = await page.locator('#import-errors').innerText();
  assert.match(errors, /3\s+credit_code\s+credit_code：校验位不正确/, errors);
  assert.match(await page.locator('#import-summary').innerText(), /共 2 行，1 行无误/);
  assert.ok(await page.getByRole('button', { name: '导入', exact: true }).isDisabled(), 'a file with errors cannot be imported');
  await expectUsable(page);
  await page.shot('77-import-errors');

  // Corrected: checked clean, then imported; the vendors are in the registry, listed.
  const good = Buffer.concat([Buffer.from(`name,credit_code,enterprise_size,status\r\n`), gbName,
    Buffer.from(`,${creditCode(301)},small,listed\r\n`), gbName2, Buffer.from(`,${creditCode(302)},medium,listed\r\n`)]);
  await page.getByLabel('CSV 文件').setInputFiles({ name: '供应商.csv', mimeType: 'text/csv', buffer: good });
  await page.getByRole('button', { name: '检查文件（不导入）' }).click();
  await page.locator('#import-summary', { hasText: '将新建 2 条' }).waitFor();
  assert.match(await page.locator('#import-summary').innerText(), /GB18030/);
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.locator('#import-done', { hasText: '新建 2 条' }).waitFor();
  await page.shot('78-import-done');
  const found = await api('GET', `/v1/vendors?q=${creditCode(301)}`, adminToken);
  assert.deepEqual(found.json.items.map((v) => [v.name, v.status]), [['甲公司', 'listed']]);
  page.check();
});

test('the bureau imports practitioners from a spreadsheet: a number the spreadsheet rounded is named, the corrected file imported', async () => {
  const base = env.server.base;
  const api = (method, target, token, body) => call(base, method, target, token, body);
  const vendor = await qualifiedVendor(base, 71, '汕头市监理咨询有限公司');
  const bureau = await api('POST', '/v1/accounts', adminToken, { name: '财政局 冯十一', role: 'bureau', login: 'feng.shiyi' });
  assert.equal(bureau.status, 201, bureau.text);
  const page = await watchedPage(env.browser);
  await signInFirstTime(page, base, 'feng.shiyi', bureau.json.password);
  await page.goto(`${base}/console/exchange`);
  await page.getByLabel('文件内容').selectOption('practitioners');
  assert.match(await page.locator('#import-columns').innerText(), /id_number（身份证号码/);
  const code = creditCode(70 + 71);
  const header = 'credit_code,name,id_number,credential_type,credential_level,certificate_no,issued_on,expires_on\r\n';
  const person = idNumber(771);
  // As Excel saves a column of 18-digit numbers typed without text format: 4.40524E+17.
  const rounded = `\uFEFF${header}${code},监理工程师甲,4.40524E+17,RK_SUPERVISOR,,JL-771,2021-03-01,\r\n`;
  await page.getByLabel('CSV 文件').setInputFiles({ name: '从业人员.csv', mimeType: 'text/csv', buffer: Buffer.from(rounded) });
  await page.getByRole('button', { name: '检查文件（不导入）' }).click();
  await page.locator('#import-errors').waitFor();
  assert.match(await page.locator('#import-errors').innerText(), /2\s+id_number\s+id_number：已被表格软件变成科学计数法/);
  assert.ok(await page.getByRole('button', { name: '导入', exact: true }).isDisabled());

  const good = `\uFEFF${header}${code},监理工程师甲,${person},RK_SUPERVISOR,,JL-771,2021-03-01,\r\n` +
    `${code},监理工程师甲,${person},CISP,,CISP-771,2025-01-01,\r\n`;
  await page.getByLabel('CSV 文件').setInputFiles({ name: '从业人员.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByRole('button', { name: '检查文件（不导入）' }).click();
  await page.locator('#import-summary', { hasText: '将新建 1 条' }).waitFor();
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.locator('#import-done', { hasText: '新建 1 条' }).waitFor();
  await expectUsable(page);
  await page.shot('80-import-practitioners');
  const held = await api('GET', `/v1/vendors/${vendor.id}/practitioners`, adminToken);
  const imported = held.json.items.find((p) => p.name === '监理工程师甲');
  assert.ok(imported, held.text);
  assert.equal(imported.status, 'active');
  assert.deepEqual(imported.credentials.map((c) => [c.type, c.expires_on]), [['RK_SUPERVISOR', null], ['CISP', '2027-12-31']]);
  assert.ok(!held.text.includes(person), 'the ID number itself is never answered');
  page.check();
});

test('anyone reads the award notice on the public page; no bid is shown before the opening', async () => {
  const base = env.server.base;
  const api = (method, target, token, body) => call(base, method, target, token, body);
  const officer = await api('POST', '/v1/accounts', adminToken, { name: '采购处 吴九', role: 'officer', login: 'wu.jiu' });
  const bidders = [await qualifiedVendor(base, 61, '汕头市公告甲信息技术有限公司'), await qualifiedVendor(base, 62, '汕头市公告乙信息技术有限公司'),
                   await qualifiedVendor(base, 63, '汕头市公告丙信息技术有限公司')];
  const tender = await api('POST', '/v1/tenders', officer.json.token, {
    title: '市政务服务热线系统运维项目', category: 'SYSTEM_INTEGRATION', budget: '600000.00', method: 'lowest_price',
    bid_deadline: '2026-12-05T02:00:00Z' });
  assert.equal(tender.status, 201, tender.text);
  const tid = tender.json.id;
  assert.equal((await api('POST', `/v1/tenders/${tid}/publish`, officer.json.token, {})).status, 200);
  for (const [i, v] of bidders.entries()) {
    assert.equal((await api('POST', `/v1/tenders/${tid}/bids`, v.token, { price: `${543210 + i * 1000}.00`, domestic: false })).status, 201);
  }
  // Before the opening: the notice is public, the bids are not.
  const visitor = await watchedPage(env.browser);
  await visitor.goto(`${base}/console/public`);
  const row = visitor.locator('#public-tenders tr', { hasText: '市政务服务热线系统运维项目' });
  await row.waitFor();
  assert.match(await row.innerText(), /接受投标/);
  assert.ok(!(await visitor.locator('main').innerText()).includes('543,210'), 'a bid before the opening');
  visitor.check();

  env.server.setClock('2026-12-05T02:00:01Z');
  for (const step of ['open', 'evaluate', 'award']) {
    const r = await api('POST', `/v1/tenders/${tid}/${step}`, officer.json.token, {});
    assert.equal(r.status, 200, `${step}: ${r.text}`);
  }
  const after = await watchedPage(env.browser);
  await after.goto(`${base}/console/public`);
  const awarded = after.locator('#public-tenders tr', { hasText: '市政务服务热线系统运维项目' });
  await awarded.waitFor();
  assert.match(await awarded.innerText(), /已定标[\s\S]*中标供应商：汕头市公告甲信息技术有限公司，中标金额 ¥543,210\.00；质疑期至 2026-12-15/);
  await expectUsable(after);
  await after.shot('79-public-award');
  after.check();
});

test('a file of more than 20 000 rows is imported in the background, its progress shown until it is done', async () => {
  const base = env.server.base;
  const bureau = await call(base, 'POST', '/v1/accounts', adminToken, { name: '财政局 郑十', role: 'bureau', login: 'zheng.shi' });
  assert.equal(bureau.status, 201, bureau.text);
  const page = await watchedPage(env.browser);
  await signInFirstTime(page, base, 'zheng.shi', bureau.json.password);
  await page.goto(`${base}/console/exchange`);
  await page.getByLabel('文件内容').selectOption('vendors');
  // Credit codes of their own (the harness's repeat every 10 000): GB 32100's check character.
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const uscc = (n) => {
    const body = `9144050${String(n).padStart(10, '0')}`;
    let sum = 0;
    let w = 1;
    for (const ch of body) { sum += charset.indexOf(ch) * w; w = (w * 3) % 31; }
    return body + charset[(31 - (sum % 31)) % 31];
  };
  const rows = ['name,credit_code,enterprise_size'];
  for (let i = 0; i < 20050; i += 1) rows.push(`批量${i},${uscc(700000 + i)},micro`);
  await page.getByLabel('CSV 文件').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await page.getByRole('button', { name: '检查文件（不导入）' }).click();
  await page.locator('#import-summary', { hasText: '将新建 20050 条' }).waitFor({ timeout: 60000 });
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.locator('#import-running').waitFor();
  await page.locator('#import-done', { hasText: '新建 20050 条' }).waitFor({ timeout: 120000 });
  page.check();
});
