// The browser suite's harness: a real registryd on loopback (SQLite in a temporary directory, or
// the MariaDB of REGISTRY_TEST_MYSQL), Debian's chromium driven by playwright-core, and a page
// that fails the test on any page error, console error, failed request or 5xx answer.
// Screenshots go to build/screenshots/ for review.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
export const registrydPath = process.env.REGISTRYD_BIN || path.join(root, 'build/bin/registryd');
export const chromiumPath = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const screenshotDir = path.join(root, 'build/screenshots');
export const adminToken = 'browser-suite-admin-token-0123456789abcdef';

// Starts registryd; resolves with {url, port, stop(), log()} once it listens.
// With `clock`, registryd reads its time from a file (REGISTRY_CLOCK_FILE, a testing hook) that
// setClock(iso) writes, so a test can pass a bid deadline without waiting.
// `storage: 'mysql'`: a fresh database on the server of REGISTRY_TEST_MYSQL (scripts/test starts
// it), made with the mysql client and dropped by stop(); without the variable this fails, never skips.
export async function startRegistryd({ storage, clock } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'registry-browser-'));
  let url = `sqlite:${dir}/registry.db`;
  let dropDatabase = null;
  if (storage === 'mysql') {
    const server = process.env.REGISTRY_TEST_MYSQL;
    if (!server) throw new Error('REGISTRY_TEST_MYSQL is not set: the MariaDB journey needs a server (run scripts/test)');
    const u = new URL(server);
    const name = `rt_browser_${process.pid}_${Date.now()}`;
    const client = (sql) => execFileSync('mysql', ['-h', u.hostname, '-P', u.port || '3306', '-u', decodeURIComponent(u.username),
      `-p${decodeURIComponent(u.password)}`, '-e', sql]);
    client(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    dropDatabase = () => client(`DROP DATABASE IF EXISTS ${name}`);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const clockFile = `${dir}/clock`;
  if (clock) writeFileSync(clockFile, `${clock}\n`);
  const child = spawn(registrydPath, ['--port=0', `--storage=${url}`], {
    cwd: dir,
    env: { ...process.env, REGISTRY_ADMIN_TOKEN: adminToken, REGISTRY_RATE_LIMIT: '0',
           ...(clock ? { REGISTRY_CLOCK_FILE: clockFile } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`registryd did not start:\n${log}`)), 20000);
    const onData = (chunk) => {
      log += chunk;
      const m = /listening on [0-9.]+:([0-9]+)/.exec(log);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`registryd exited (${code}):\n${log}`)); });
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    dbPath: storage === 'mysql' ? null : `${dir}/registry.db`,
    setClock: (iso) => writeFileSync(clockFile, `${iso}\n`),
    log: () => log,
    async stop() {
      child.removeAllListeners('exit');
      const done = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await done;
      if (dropDatabase) dropDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The API as a script calls it (bearer token), for setting the scene.
export async function call(base, method, target, token, body) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(base + target, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: r.status, json, text };
}

export async function launch() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--lang=zh-CN'] });
}

// A page that records every problem; check() throws if any was seen. `allow(response)` may
// excuse an expected 4xx (a wrong password, say); 5xx and network failures are never excused.
export async function watchedPage(browser, { locale = 'zh-CN', allow = () => false } = {}) {
  const context = await browser.newContext({ locale, timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const problems = [];
  // Chromium reports a fetch answered 204 (no body) as aborted after its response: not a failure.
  const bodiless = new WeakSet();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // "Failed to load resource" repeats a response the 'response' handler below already judged.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    if (bodiless.has(r) && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() === 204 || r.status() === 304) bodiless.add(r.request());
    if (r.status() >= 500 || (r.status() >= 400 && !allow(r))) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  page.check = () => {
    if (problems.length) throw new Error(`the page had problems:\n${problems.join('\n')}`);
  };
  page.shot = async (name) => {
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  };
  return page;
}

// Every input, select and textarea on the page has an accessible name (a label).
export async function expectLabelled(page) {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((el) => el.type !== 'hidden')
    .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
    .map((el) => el.outerHTML));
  if (unlabelled.length) throw new Error(`inputs without a label:\n${unlabelled.join('\n')}`);
}

// What every screen owes a person without a mouse or a screen reader's guesswork: every input
// labelled, every control reached with Tab and outlined when focused. The suites call it on each
// screen they open.
export async function expectUsable(page) {
  await expectLabelled(page);
  await expectKeyboardReachable(page);
}

// Every visible input, select, textarea, button and link on the page is reached with the Tab key
// alone, in page order, and shows a visible focus outline when it is.
export async function expectKeyboardReachable(page) {
  const total = await page.evaluate(() => {
    const all = [...document.querySelectorAll('input, select, textarea, button, a[href]')]
      .filter((el) => !el.disabled && el.offsetParent !== null && el.type !== 'hidden');
    all.forEach((el, i) => el.setAttribute('data-kb', String(i)));
    document.body.focus();
    return all.length;
  });
  const reached = new Set();
  const unoutlined = [];
  for (let i = 0; i < total + 10 && reached.size < total; i += 1) {
    await page.keyboard.press('Tab');
    const seen = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || !el.hasAttribute('data-kb')) return null;
      const style = getComputedStyle(el);
      return { kb: el.getAttribute('data-kb'), outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
               html: el.outerHTML.slice(0, 120) };
    });
    if (!seen) continue;
    reached.add(seen.kb);
    if (!seen.outlined) unoutlined.push(seen.html);
  }
  const missed = await page.evaluate((got) => [...document.querySelectorAll('[data-kb]')]
    .filter((el) => !got.includes(el.getAttribute('data-kb'))).map((el) => el.outerHTML.slice(0, 120)), [...reached]);
  if (missed.length) throw new Error(`not reached with Tab:\n${missed.join('\n')}`);
  if (unoutlined.length) throw new Error(`focused without a visible outline:\n${unoutlined.join('\n')}`);
}

// A valid citizen ID number (GB 11643: 17 digits and the check character), distinct per n.
export function idNumber(n) {
  const body = `44052419900101${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

// Signs in through the console's form with a one-time password and replaces it, as a person
// does the first time; leaves the page on the role's home. Returns the new password.
export async function signInFirstTime(page, base, login, oneTimePassword) {
  const fresh = `Harbor-Lantern-${login}-7391`;
  await page.goto(`${base}/console/`);
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(oneTimePassword);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByLabel('当前密码').fill(oneTimePassword);
  await page.getByLabel('新密码', { exact: true }).fill(fresh);
  await page.getByLabel('再次输入新密码').fill(fresh);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByRole('heading', { name: /^您好，/ }).waitFor();
  return fresh;
}

// One registryd and one browser for the test file: `const env = useServerAndBrowser();` at the
// top, then env.server and env.browser inside the tests.
export function useServerAndBrowser(options) {
  const env = {};
  before(async () => {
    env.server = await startRegistryd(options);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

// A valid unified social credit code (GB 32100: 17 characters and the check character), distinct per n.
export function creditCode(n) {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const body = `9144050000000${String(n % 10000).padStart(4, '0')}`;
  let sum = 0;
  let w = 1;
  for (const ch of body) {
    sum += charset.indexOf(ch) * w;
    w = (w * 3) % 31;
  }
  return body + charset[(31 - (sum % 31)) % 31];
}

// A vendor (credit code and ID numbers distinct per n) that may bid in SYSTEM_INTEGRATION: CS3,
// two RK_SI_PM practitioners and listed, all set by the bureau's API. Returns {id, token, name}.
// `signIn`: {login, password} for a vendor account that signs in to the console.
export async function qualifiedVendor(base, n, name, signIn = {}) {
  const r = await call(base, 'POST', '/v1/vendors', null, { name, credit_code: creditCode(70 + n), enterprise_size: 'large', ...signIn });
  if (r.status !== 201) throw new Error(r.text);
  const id = r.json.vendor.id;
  expectOk(await call(base, 'POST', `/v1/vendors/${id}/qualifications`, adminToken, {
    type: 'CS', level: 'CS3', certificate_no: `CS3-${n}`, issuer: 'x', issued_on: '2025-01-01', expires_on: '2028-12-31' }));
  for (const k of [1, 2]) {
    expectOk(await call(base, 'POST', `/v1/vendors/${id}/practitioners`, adminToken, {
      name: `工程师${n}${k}`, id_number: idNumber(100 + n * 10 + k),
      credentials: [{ type: 'RK_SI_PM', certificate_no: `A-${n}-${k}`, issued_on: '2020-01-01' }] }));
  }
  expectOk(await call(base, 'POST', `/v1/vendors/${id}/listing`, adminToken, { decision: 'list', reason: 'ok' }));
  return { id, token: r.json.token, name };
}

// Throws unless the answer is 2xx.
function expectOk(r) {
  if (r.status < 200 || r.status > 299) throw new Error(`HTTP ${r.status}: ${r.text}`);
}
