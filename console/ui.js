// What every screen uses: building elements, the status line, navigation, Beijing days, and
// the code → name tables read once per page load.
import { api, ApiError } from './api.js';
import { t } from './i18n.js';

const main = document.getElementById('main');
const status = document.getElementById('status');
let renderer = () => {};

// The router's render(), called after go(); set once by app.js.
export function setRenderer(fn) { renderer = fn; }
export function mainElement() { return main; }

// h('tag', {attr: value, onclick: fn}, ...children): an element. Strings become text nodes.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function say(message) {
  status.textContent = message;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { status.textContent = ''; }, 6000);
}

// Every problem the server listed (it answers them all at once; docs/api.md), up to eight, each
// as "field: message"; else the problem's detail.
export function problemText(e) {
  if (e instanceof ApiError) {
    const errors = e.problem.errors || [];
    const shown = errors.slice(0, 8).map((x) => `${x.field}: ${x.message}`);
    if (errors.length > shown.length) shown.push('…');
    return t('error.generic', { detail: shown.length ? shown.join(t('error.separator')) : e.message });
  }
  return t('error.network');
}

export function show(title, ...content) {
  document.title = `${title} · ${t('app.title')}`;
  main.replaceChildren(h('h1', {}, title), ...content);
  main.focus();
}

export function go(path) {
  history.pushState(null, '', path);
  renderer();
}

export function link(path, text) {
  return h('a', { href: path, onclick: (ev) => { ev.preventDefault(); go(path); } }, text);
}

// The calendar day in Beijing `offset` days from now, as YYYY-MM-DD.
export function beijingDate(offset = 0) {
  const d = new Date(Date.now() + offset * 86400000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

// Whole days from today (Beijing) to the day `ymd`; the last valid day counts as 0 left.
export function daysUntil(ymd) {
  return Math.round((Date.parse(`${ymd}T00:00:00Z`) - Date.parse(`${beijingDate()}T00:00:00Z`)) / 86400000);
}

export function nextDay(ymd) {
  const d = new Date(Date.parse(`${ymd}T00:00:00Z`) + 86400000);
  return d.toISOString().slice(0, 10);
}


// Category code → its name, read once per page load.
let categoryCache = null;
export async function categoryNames() {
  if (!categoryCache) {
    const doc = await api('GET', '/v1/categories');
    categoryCache = new Map(doc.items.map((x) => [x.code, x.name]));
  }
  return categoryCache;
}

// Qualification type code → its name, read once per page load.
let typeCache = null;
export async function typeNames() {
  if (!typeCache) {
    const doc = await api('GET', '/v1/qualification-types');
    typeCache = new Map(doc.items.map((x) => [x.code, x.name]));
  }
  return typeCache;
}

// A secret the server shows once: displayed in a box with a warning, never stored by the console.
export function secretBox(id, label, value) {
  return h('div', { class: 'secret', id, role: 'alert' }, h('p', {}, label), h('p', {}, h('code', {}, value)),
    h('p', { class: 'hint' }, t('accounts.once')));
}

// A table with a header row, or the "none" line when there are no rows.
export function dataTable(id, columns, rows, none = 'vendor.none') {
  return rows.length
    ? h('table', { id }, h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, t(c))))), h('tbody', {}, rows))
    : h('p', { class: 'empty', id: `${id}-empty` }, t(none));
}

// The yuan a person typed ("1,250,000.5") as the API's decimal string, or null when it is not money.
export function yuan(text) {
  const s = String(text).replace(/[,，\s¥]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return `${whole.replace(/^0+(?=\d)/, '')}.${frac.padEnd(2, '0')}`;
}

// ---- the unified social credit code (GB 32100-2015), checked as it is typed. The server checks
// it again (common/credit_code.cpp); this only tells the person at once which part is wrong.
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// '' when `code` is a valid code, else the message key naming what is wrong.
export function creditCodeProblem(code) {
  if (code.length !== 18) return 'register.credit.length';
  if ([...code].some((c) => !CREDIT_CHARSET.includes(c))) return 'register.credit.charset';
  let sum = 0;
  let w = 1;
  for (const c of code.slice(0, 17)) {
    sum += CREDIT_CHARSET.indexOf(c) * w;
    w = (w * 3) % 31;
  }
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31] === code[17] ? '' : 'register.credit.checksum';
}
