// The console: one page, screens chosen by the address (/console/...), drawn with DOM calls
// (never innerHTML with data, so nothing a vendor typed can become markup).
import { api, ApiError, csrfToken, setCsrfToken } from './api.js';
import { formatMoney, formatTime, lang, setLang, t } from './i18n.js';
import { beijingDate, categoryNames, daysUntil, go, h, link, mainElement, nextDay, problemText, say, secretBox, setRenderer, show, typeNames, yuan } from './ui.js';
import { setupScreen } from './setup.js';
import { applicationsScreen, contactForm, itemsScreen, registerScreen, vendorBidSection, vendorTendersScreen } from './vendor.js';
import { clarificationSection, committeeSection, expertProfileScreen, expertTendersScreen } from './procedure.js';
import { afterAwardSection, calendarScreen, complaintsScreen, deadlinesSection } from './after_award.js';
import { exchangeScreen, publicScreen } from './exchange.js';
import { newProjectScreen, plansScreen, projectScreen, projectsScreen } from './projects.js';

const main = mainElement();
const bar = document.getElementById('bar');
let me = null;  // the signed-in account, or null

function drawBar() {
  const items = [h('span', { class: 'title' }, t('app.title'))];
  if (me) {
    const nav = h('nav', { 'aria-label': t('nav.home') }, link('/console/', t('nav.home')));
    if (me.role === 'bureau') nav.append(link('/console/queue', t('nav.queue')));
    if (me.role !== 'vendor') nav.append(link('/console/vendors', t('nav.vendors')));
    if (me.role === 'vendor') {
      nav.append(link('/console/applications', t('nav.applications')), link('/console/items', t('nav.items')),
                 link('/console/practitioners', t('nav.practitioners')));
    }
    if (me.role === 'bureau' || me.role === 'auditor') nav.append(link('/console/audit', t('nav.audit')));
    if (me.role === 'bureau') nav.append(link('/console/accounts', t('nav.accounts')));
    if (!['department', 'finance'].includes(me.role)) nav.append(link('/console/tenders', t('nav.tenders')));
    if (['bureau', 'auditor', 'vendor'].includes(me.role)) nav.append(link('/console/complaints', t('nav.complaints')));
    if (['bureau', 'officer', 'auditor'].includes(me.role)) nav.append(link('/console/exchange', t('nav.exchange')));
    if (['bureau', 'finance', 'officer', 'auditor', 'department'].includes(me.role)) nav.append(link('/console/projects', t('nav.projects')));
    items.push(nav, h('span', {}, `${me.name}（${t(`role.${me.role}`)}）`),
               h('button', { class: 'secondary', id: 'sign-out', onclick: signOut }, t('nav.signout')));
  }
  items.push(h('button', { class: 'lang', id: 'lang-switch', lang: lang() === 'en' ? 'zh-CN' : 'en',
                           onclick: () => { setLang(lang() === 'en' ? 'zh-CN' : 'en'); render(); } },
               t('lang.switch')));
  bar.replaceChildren(...items);
  document.documentElement.lang = lang();
  document.getElementById('skip-link').textContent = t('app.skip');
}

async function signOut() {
  try { await api('DELETE', '/v1/sessions/current'); } catch (e) { /* the session may have ended already */ }
  setCsrfToken(null);
  me = null;
  go('/console/');
  say(t('signedout'));
}

// ---- screens

function signInScreen(message) {
  const error = h('p', { class: 'error', id: 'signin-error', role: 'alert' }, message || '');
  const form = h('form', { class: 'stack', id: 'signin-form', novalidate: true },
    h('label', {}, t('signin.login'),
      h('input', { name: 'login', id: 'login', autocomplete: 'username', required: true, autofocus: true })),
    h('label', {}, t('signin.password'),
      h('input', { name: 'password', id: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    error,
    h('button', { type: 'submit' }, t('signin.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    try {
      const session = await api('POST', '/v1/sessions', { login: data.get('login'), password: data.get('password') });
      setCsrfToken(session.csrf_token);
      me = { ...session.account, must_change_password: session.must_change_password };
      render();
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 401 ? t('signin.failed')
        : e instanceof ApiError && e.status === 429 ? t('signin.locked') : problemText(e);
    }
  });
  show(t('signin.title'), form, h('p', {}, link('/console/register', t('signin.register'))),
       h('p', {}, link('/console/public', t('signin.public'))));
  form.querySelector('#login').focus();
}

function changePasswordScreen() {
  const error = h('p', { class: 'error', id: 'password-error', role: 'alert' });
  const form = h('form', { class: 'stack', id: 'password-form', novalidate: true },
    h('p', {}, t('password.why')),
    h('label', {}, t('password.current'),
      h('input', { name: 'current_password', id: 'current-password', type: 'password', autocomplete: 'current-password', required: true })),
    h('label', {}, t('password.new'),
      h('input', { name: 'new_password', id: 'new-password', type: 'password', autocomplete: 'new-password', required: true, minlength: 12,
                   'aria-describedby': 'new-password-hint' })),
    h('p', { class: 'hint', id: 'new-password-hint' }, t('password.new.hint')),
    h('label', {}, t('password.repeat'),
      h('input', { name: 'repeat', id: 'repeat-password', type: 'password', autocomplete: 'new-password', required: true })),
    error,
    h('button', { type: 'submit' }, t('password.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    if (data.get('new_password') !== data.get('repeat')) { error.textContent = t('password.mismatch'); return; }
    try {
      await api('PUT', '/v1/me/password', { current_password: data.get('current_password'), new_password: data.get('new_password') });
      me.must_change_password = false;
      say(t('password.done'));
      render();
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  show(t('password.title'), form);
  form.querySelector('#current-password').focus();
}

async function homeScreen() {
  const screens = h('ul', {});
  if (me.role === 'bureau') screens.append(h('li', {}, link('/console/queue', t('home.queue'))));
  if (me.role === 'bureau' || me.role === 'auditor') screens.append(h('li', {}, link('/console/audit', t('home.audit'))));
  if (me.role === 'bureau') screens.append(h('li', {}, link('/console/accounts', t('home.accounts'))));
  if (me.role === 'bureau') screens.append(h('li', {}, link('/console/setup', t('home.setup'))));
  if (me.role === 'bureau') screens.append(h('li', {}, link(`/console/calendar/${beijingDate().slice(0, 4)}`, t('home.calendar'))));
  if (['bureau', 'auditor'].includes(me.role)) screens.append(h('li', {}, link('/console/complaints', t('home.complaints'))));
  const staff = !['vendor', 'department', 'finance'].includes(me.role);
  if (staff) screens.append(h('li', {}, link('/console/tenders', t(me.role === 'expert' ? 'home.scores' : 'home.tenders'))));
  if (me.role !== 'vendor') screens.append(h('li', {}, link('/console/vendors', t('home.vendors'))));
  if (staff) screens.append(h('li', {}, link('/console/simulate', t('home.simulate'))));
  if (['bureau', 'officer', 'auditor'].includes(me.role)) screens.append(h('li', {}, link('/console/exchange', t('home.exchange'))));
  if (me.role === 'department') screens.append(h('li', {}, link('/console/projects/new', t('home.project_new'))));
  if (['bureau', 'finance', 'officer', 'auditor', 'department'].includes(me.role)) screens.append(h('li', {}, link('/console/projects', t('home.projects'))));
  if (me.role === 'expert') screens.append(h('li', {}, link('/console/projects', t('home.reviews'))));
  if (me.role !== 'vendor') screens.append(h('li', {}, link('/console/plans', t(me.role === 'bureau' ? 'home.plans.bureau' : 'home.plans'))));
  if (me.role === 'vendor' && me.vendor_id) {
    screens.append(h('li', {}, link(`/console/vendors/${encodeURIComponent(me.vendor_id)}`, t('home.own'))),
                   h('li', {}, link('/console/applications', t('home.applications'))),
                   h('li', {}, link('/console/items', t('home.items'))),
                   h('li', {}, link('/console/practitioners', t('home.practitioners'))),
                   h('li', {}, link('/console/tenders', t('home.vtenders'))));
  }
  if (!screens.children.length) screens.append(h('li', { class: 'empty' }, t('home.none')));
  const due = await deadlinesSection(me);
  show(t('home.title', { name: me.name }), h('p', {}, t('home.role', { role: t(`role.${me.role}`) })),
       ...due, h('h2', {}, t('home.screens')), screens);
}

// The bureau's work queue: what waits for a decision, each with its vendor's name.
async function queueScreen() {
  if (me.role !== 'bureau') { show(t('queue.title'), h('p', { class: 'error' }, t('forbidden'))); return; }
  const sections = {
    applications: h('section', { 'aria-labelledby': 'q-applications' }, h('h2', { id: 'q-applications' }, t('queue.applications'))),
    items: h('section', { 'aria-labelledby': 'q-items' }, h('h2', { id: 'q-items' }, t('queue.items'))),
    practitioners: h('section', { 'aria-labelledby': 'q-practitioners' }, h('h2', { id: 'q-practitioners' }, t('queue.practitioners'))),
    expiring: h('section', { 'aria-labelledby': 'q-expiring' }, h('h2', { id: 'q-expiring' }, t('queue.expiring'))),
  };
  show(t('queue.title'), sections.applications, sections.items, sections.practitioners, sections.expiring);
  let apps, items, people, expiring, types, categories;
  try {
    [apps, items, people, expiring, types, categories] = await Promise.all([
      api('GET', '/v1/applications?status=submitted&limit=200'),
      api('GET', '/v1/catalog/items?status=pending&limit=200'),
      api('GET', '/v1/practitioners?status=pending&limit=200'),
      api('GET', `/v1/qualifications?status=active&expiring_before=${beijingDate(90)}&limit=200`),
      typeNames(), categoryNames()]);
  } catch (e) {
    main.append(h('p', { class: 'error' }, problemText(e)));
    return;
  }
  reviewTable(sections.applications, 'application-queue', apps.items, ['vendor', 'kind', 'claim', 'evidence', 'submitted'], (a) => [
    a.vendor_name,
    t(`queue.kind.${a.kind}`),
    a.qualification ? `${types.get(a.qualification.type) || a.qualification.type} ${a.qualification.level}（${a.qualification.certificate_no}，${a.qualification.issuer}，${a.qualification.expires_on} ${t('queue.expires')}）` : '—',
    a.evidence.length ? a.evidence.flatMap((e, i) => [i ? '；' : '', e.file_id
      ? h('a', { href: `/v1/files/${encodeURIComponent(e.file_id)}`, download: e.name }, e.name) : e.name]) : '—',
    formatTime(a.submitted_at),
  ], (a) => `${a.vendor_name} ${t(`queue.kind.${a.kind}`)}`, (a) => `/v1/applications/${encodeURIComponent(a.id)}/decision`);
  reviewTable(sections.items, 'item-queue', items.items, ['vendor', 'category', 'item', 'price', 'domestic'], (it) => [
    it.vendor_name,
    categories.get(it.category) || it.category,
    it.name,
    `${formatMoney(it.unit_price)} / ${it.unit}`,
    it.domestic ? t('queue.domestic.claimed') : t('queue.domestic.no'),
  ], (it) => it.name, (it) => `/v1/catalog/items/${encodeURIComponent(it.id)}/decision`);
  reviewTable(sections.practitioners, 'practitioner-queue', people.items, ['vendor', 'name', 'id', 'credentials', 'added'], (p) => [
    p.vendor_name,
    p.name,
    p.id_number,
    p.credentials.map((c) => `${types.get(c.type) || c.type}${c.level ? ` ${c.level}` : ''}（${c.certificate_no}）`).join('；'),
    formatTime(p.created_at),
  ], (p) => p.name, (p) => `/v1/practitioners/${encodeURIComponent(p.id)}/decision`);
  // Expiring within 90 days: nothing to decide here, a list to act on (remind the vendor).
  if (expiring.items.length === 0) {
    sections.expiring.append(h('p', { class: 'empty', id: 'expiring-queue-empty' }, t('queue.expiring.none')));
  } else {
    sections.expiring.append(h('table', { id: 'expiring-queue' },
      h('thead', {}, h('tr', {}, ['vendor', 'qualification', 'certificate', 'expires', 'left'].map((c) => h('th', { scope: 'col' }, t(`queue.col.${c}`))))),
      h('tbody', {}, expiring.items.map((q) => h('tr', { 'data-id': q.id },
        h('td', {}, q.vendor_name),
        h('td', {}, `${types.get(q.type) || q.type} ${q.level}`),
        h('td', {}, q.certificate_no),
        h('td', {}, q.expires_on),
        h('td', {}, t('queue.days', { n: daysUntil(q.expires_on) })))))));
  }
}

// A table of things waiting for the bureau, each row with approve, a reason and reject.
// `cells(x)` gives the row's texts for `columns`; `label(x)` names it in buttons and messages.
function reviewTable(section, id, list, columns, cells, label, endpoint) {
  const empty = () => h('p', { class: 'empty', id: `${id}-empty` }, t('queue.empty'));
  if (list.length === 0) { section.append(empty()); return; }
  const body = h('tbody', {});
  for (const x of list) {
    const name = label(x);
    const reason = h('input', { name: 'comment', 'aria-label': `${t('queue.reason')}（${name}）`, placeholder: t('queue.reason') });
    const row = h('tr', { 'data-id': x.id },
      cells(x).map((c, i) => h('td', { class: columns[i] === 'name' ? 'nowrap' : undefined }, c)),
      h('td', { class: 'actions' },
        h('button', { 'data-action': 'approve', 'aria-label': `${t('queue.approve')} ${name}`, onclick: () => decide('approve') }, t('queue.approve')),
        ' ', reason, ' ',
        h('button', { class: 'danger', 'data-action': 'reject', 'aria-label': `${t('queue.reject')} ${name}`, onclick: () => decide('reject') }, t('queue.reject'))));
    async function decide(decision) {
      const comment = reason.value.trim();
      if (decision === 'reject' && !comment) { say(t('queue.reason.required')); reason.focus(); return; }
      try {
        await api('POST', endpoint(x), comment ? { decision, comment } : { decision });
        row.remove();
        say(t(decision === 'approve' ? 'queue.approved' : 'queue.rejected', { name }));
        if (!body.children.length) {
          section.querySelector('table')?.remove();
          section.append(empty());
        }
      } catch (e) {
        say(problemText(e));
      }
    }
    body.append(row);
  }
  section.append(h('table', { id },
    h('thead', {}, h('tr', {}, [...columns, 'action'].map((c) => h('th', { scope: 'col' }, t(`queue.col.${c}`))))),
    body));
}

// ---- the audit log (bureau, auditors): filters, the entries in Beijing time with a sentence
// each, and the verification of the keyed chain with its checkpoint.

async function auditScreen() {
  if (me.role !== 'bureau' && me.role !== 'auditor') { show(t('audit.title'), h('p', { class: 'error' }, t('forbidden'))); return; }
  const params = new URLSearchParams(location.search);
  let accounts = [];
  try { accounts = (await api('GET', '/v1/accounts?limit=500')).items; } catch (e) { /* the names then stay ids */ }
  const actor = h('select', { name: 'actor', id: 'audit-actor' }, h('option', { value: '' }, t('audit.anyone')),
    accounts.map((a) => h('option', { value: a.id, selected: params.get('actor') === a.id }, `${a.name}（${t(`role.${a.role}`)}）`)));
  const form = h('form', { class: 'filters', id: 'audit-filters' },
    h('label', {}, t('audit.actor'), actor),
    h('label', {}, t('audit.tender'), h('input', { name: 'tender_id', id: 'audit-tender', value: params.get('tender_id') || '' })),
    h('label', {}, t('audit.since'), h('input', { name: 'since', id: 'audit-since', type: 'date', value: params.get('since') || '' })),
    h('label', {}, t('audit.until'), h('input', { name: 'until', id: 'audit-until', type: 'date', value: params.get('until') || '' })),
    h('button', { type: 'submit' }, t('audit.filter')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) q.set(k, v);
    go(`/console/audit${q.toString() ? `?${q}` : ''}`);
  });
  const result = h('div', { id: 'verify-result', role: 'status' });
  const verify = h('button', { class: 'secondary', id: 'verify', onclick: () => runVerify(result) }, t('audit.verify'));
  const body = h('tbody', {});
  const more = h('button', { class: 'secondary', id: 'audit-more', hidden: true }, t('audit.more'));
  show(t('audit.title'), h('section', { 'aria-labelledby': 'audit-verify' }, h('h2', { id: 'audit-verify' }, t('audit.chain')), verify, result),
       h('section', { 'aria-labelledby': 'audit-log' }, h('h2', { id: 'audit-log' }, t('audit.log')), form,
         h('table', { id: 'audit-table' },
           h('thead', {}, h('tr', {}, ['seq', 'at', 'actor', 'summary', 'action'].map((c) => h('th', { scope: 'col' }, t(`audit.col.${c}`))))),
           body), more));
  const query = new URLSearchParams();
  for (const k of ['actor', 'tender_id']) if (params.get(k)) query.set(k, params.get(k));
  if (params.get('since')) query.set('since', params.get('since'));
  if (params.get('until')) query.set('until', nextDay(params.get('until')));  // the last day counts
  query.set('limit', '100');
  let cursor = null;
  async function load() {
    const q = new URLSearchParams(query);
    if (cursor) q.set('cursor', cursor);
    try {
      const page = await api('GET', `/v1/audit?${q}`);
      for (const e of page.items) {
        body.append(h('tr', { 'data-seq': e.seq },
          h('td', {}, String(e.seq)), h('td', { class: 'nowrap' }, formatTime(e.at)),
          h('td', {}, e.redacted ? '—' : (e.actor_name || e.actor)), h('td', {}, e.summary), h('td', {}, e.action)));
      }
      if (!page.items.length && !body.children.length) body.append(h('tr', {}, h('td', { colspan: 5, class: 'empty', id: 'audit-empty' }, t('audit.none'))));
      cursor = page.next_cursor;
      more.hidden = !cursor;
    } catch (e) {
      say(problemText(e));
    }
  }
  more.addEventListener('click', load);
  await load();
}

async function runVerify(result) {
  result.replaceChildren(t('audit.verifying'));
  try {
    const [report, cp] = await Promise.all([api('GET', '/v1/audit/verify'), api('GET', '/v1/audit/checkpoint')]);
    const lines = [];
    if (report.ok) {
      lines.push(h('p', { class: 'ok', id: 'verify-ok' }, t('audit.ok', { n: report.entries })));
    } else {
      lines.push(h('p', { class: 'error', id: 'verify-bad' }, t('audit.bad')));
      if (report.first_bad_seq !== null) lines.push(h('p', {}, t('audit.first_bad', { seq: report.first_bad_seq })));
      if (report.mismatched.length) {
        lines.push(h('p', {}, t('audit.mismatched', { n: report.mismatched_total })),
                   h('ul', { id: 'verify-mismatched' }, report.mismatched.map((m) => h('li', {}, `${t(`entity.${m.entity_type}`)} ${m.entity_id}`))));
      }
    }
    lines.push(h('p', { class: 'hint' }, t('audit.checkpoint', { seq: cp.seq, at: formatTime(cp.at) })),
               h('p', {}, h('code', { id: 'checkpoint-hash' }, cp.hash)));
    result.replaceChildren(...lines);
  } catch (e) {
    result.replaceChildren(h('p', { class: 'error' }, problemText(e)));
  }
}

// ---- the approved list (名录) and a vendor's page

const vendorStatus = (s) => t(`vendor.status.${s}`);

async function vendorsScreen() {
  if (me.role === 'vendor') { show(t('vendors.title'), h('p', { class: 'error' }, t('forbidden'))); return; }
  const params = new URLSearchParams(location.search);
  const categories = await categoryNames();
  const form = h('form', { class: 'filters', id: 'vendor-filters' },
    h('label', {}, t('vendors.q'), h('input', { name: 'q', id: 'vendor-q', value: params.get('q') || '' })),
    h('label', {}, t('vendors.status'), h('select', { name: 'status', id: 'vendor-status' },
      ['', 'listed', 'registered', 'delisted'].map((s) => h('option', { value: s, selected: (params.get('status') || '') === s }, s ? vendorStatus(s) : t('vendors.any'))))),
    h('label', {}, t('vendors.eligible'), h('select', { name: 'eligible_for', id: 'vendor-eligible' },
      h('option', { value: '' }, t('vendors.anycat')),
      [...categories].map(([code, name]) => h('option', { value: code, selected: params.get('eligible_for') === code }, name)))),
    h('button', { type: 'submit' }, t('vendors.search')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) q.set(k, v);
    go(`/console/vendors${q.toString() ? `?${q}` : ''}`);
  });
  const body = h('tbody', {});
  show(t('vendors.title'), form, h('p', {}, link('/console/vendors/print', t('roster.open'))), h('table', { id: 'vendor-list' },
    h('thead', {}, h('tr', {}, ['name', 'credit_code', 'size', 'status'].map((c) => h('th', { scope: 'col' }, t(`vendors.col.${c}`))))),
    body));
  const query = new URLSearchParams();
  for (const k of ['q', 'status', 'eligible_for']) if (params.get(k)) query.set(k, params.get(k));
  query.set('limit', '200');
  try {
    const page = await api('GET', `/v1/vendors?${query}`);
    for (const v of page.items) {
      body.append(h('tr', {}, h('td', {}, link(`/console/vendors/${encodeURIComponent(v.id)}`, v.name)),
        h('td', {}, v.credit_code), h('td', {}, t(`size.${v.enterprise_size}`)), h('td', {}, vendorStatus(v.status))));
    }
    if (!page.items.length) body.append(h('tr', {}, h('td', { colspan: 4, class: 'empty', id: 'vendor-list-empty' }, t('vendors.none'))));
  } catch (e) {
    say(problemText(e));
  }
}

// The approved list (供应商名录) as printed on A4: every listed vendor with its credit code, size
// and qualifications in force, as of the day printed.
async function approvedListScreen() {
  if (me.role === 'vendor') { show(t('roster.title'), h('p', { class: 'error' }, t('forbidden'))); return; }
  const vendors = [];
  let types;
  try {
    types = await typeNames();
    let cursor = null;
    do {
      const page = await api('GET', `/v1/vendors?status=listed&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      vendors.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
  } catch (e) {
    show(t('roster.title'), h('p', { class: 'error' }, problemText(e)));
    return;
  }
  const body = h('tbody', {});
  show(t('roster.title'),
    h('p', { class: 'no-print' }, h('button', { onclick: () => window.print() }, t('report.print'))),
    h('p', { id: 'roster-as-of' }, t('roster.as_of', { day: beijingDate(), n: vendors.length })),
    h('table', { id: 'roster' }, h('thead', {}, h('tr', {}, ['roster.col.no', 'vendors.col.name', 'vendors.col.credit_code', 'vendors.col.size', 'roster.col.quals']
      .map((c) => h('th', { scope: 'col', class: 'nowrap' }, t(c))))), body),
    h('div', { class: 'signatures' }, [t('roster.sign.unit'), t('roster.sign.date')].map((x) => h('p', {}, `${x}：＿＿＿＿＿＿＿＿＿＿＿＿`))));
  for (const [i, v] of vendors.entries()) {
    let quals = '—';
    try {
      const q = await api('GET', `/v1/vendors/${encodeURIComponent(v.id)}/qualifications`);
      quals = q.items.filter((x) => x.status === 'active').map((x) => `${types.get(x.type) || x.type} ${x.level}（${t('roster.until', { day: x.expires_on })}）`).join('；') || '—';
    } catch (e) { say(problemText(e)); }
    body.append(h('tr', {}, h('td', {}, String(i + 1)), h('td', { class: 'nowrap' }, v.name), h('td', { class: 'nowrap' }, v.credit_code),
      h('td', {}, t(`size.${v.enterprise_size}`)), h('td', {}, quals)));
  }
  if (!vendors.length) body.append(h('tr', {}, h('td', { colspan: 5, class: 'empty' }, t('vendors.none'))));
  body.setAttribute('data-complete', 'true');
}

// A market-access reason in words, from its code and requirement.
function reasonText(r, types) {
  const q = r.requirement || {};
  const type = types.get(q.qualification || q.credential) || q.qualification || q.credential || '';
  return t(`reason.${r.code}`, { type, level: q.min_level || '', count: q.min_count || '' });
}

async function vendorScreen(id) {
  if (me.role === 'vendor' && me.vendor_id !== id) { show(t('vendor.title'), h('p', { class: 'error' }, t('forbidden'))); return; }
  let v, quals, people, sanctions, types, categories;
  try {
    [v, quals, people, sanctions, types, categories] = await Promise.all([
      api('GET', `/v1/vendors/${encodeURIComponent(id)}`),
      api('GET', `/v1/vendors/${encodeURIComponent(id)}/qualifications`),
      me.role === 'expert' ? { items: [] } : api('GET', `/v1/vendors/${encodeURIComponent(id)}/practitioners`),
      api('GET', `/v1/vendors/${encodeURIComponent(id)}/sanctions`),
      typeNames(), categoryNames()]);
  } catch (e) {
    show(t('vendor.title'), h('p', { class: 'error' }, e instanceof ApiError && e.status === 404 ? t('notfound.title') : problemText(e)));
    return;
  }
  const day = new URLSearchParams(location.search).get('on') || beijingDate();
  const table = (id2, cols, rows) => rows.length
    ? h('table', { id: id2 }, h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, t(c))))), h('tbody', {}, rows))
    : h('p', { class: 'empty', id: `${id2}-empty` }, t('vendor.none'));
  const accessBody = h('tbody', {});
  const dayInput = h('input', { type: 'date', id: 'access-day', name: 'on', value: day });
  const dayForm = h('form', { class: 'filters', id: 'access-form' }, h('label', {}, t('vendor.access.on'), dayInput),
    h('button', { type: 'submit' }, t('vendor.access.check')));
  dayForm.addEventListener('submit', (ev) => { ev.preventDefault(); go(`/console/vendors/${encodeURIComponent(id)}?on=${dayInput.value}`); });
  const sections = [
    h('dl', { class: 'facts', id: 'vendor-facts' },
      h('dt', {}, t('vendors.col.credit_code')), h('dd', {}, v.credit_code),
      h('dt', {}, t('vendors.col.size')), h('dd', {}, t(`size.${v.enterprise_size}`)),
      h('dt', {}, t('vendors.col.status')), h('dd', { id: 'vendor-status-now' }, vendorStatus(v.status))),
    h('h2', {}, t('vendor.qualifications')),
    table('vendor-qualifications', ['vendor.col.type', 'vendor.col.level', 'vendor.col.certificate', 'vendor.col.valid', 'vendor.col.state',
                                    ...(me.role === 'bureau' ? ['vendor.col.actions'] : [])],
      quals.items.map((q) => h('tr', { 'data-id': q.id }, h('td', {}, types.get(q.type) || q.type), h('td', {}, q.level), h('td', {}, q.certificate_no),
        h('td', {}, `${q.issued_on} ~ ${q.expires_on}`), h('td', {}, t(`qual.${q.status}`)),
        me.role === 'bureau' ? h('td', { class: 'actions' }, reasonedActions(`${types.get(q.type) || q.type} ${q.level}`,
          { active: ['suspend', 'revoke'], suspended: ['reinstate', 'revoke'] }[q.status] || [],
          (what) => `/v1/qualifications/${encodeURIComponent(q.id)}/${what}`, 'qual')) : null))),
    h('h2', {}, t('vendor.practitioners')),
    table('vendor-practitioners', ['queue.col.name', 'queue.col.id', 'queue.col.credentials', 'vendor.col.state'],
      people.items.map((p) => h('tr', {}, h('td', {}, p.name), h('td', {}, p.id_number),
        h('td', {}, p.credentials.map((c) => types.get(c.type) || c.type).join('；')), h('td', {}, t(`prac.${p.status}`))))),
    h('h2', {}, t('vendor.sanctions')),
    table('vendor-sanctions', ['vendor.col.kind', 'vendor.col.reason', 'vendor.col.period', 'vendor.col.state',
                               ...(me.role === 'bureau' ? ['vendor.col.actions'] : [])],
      sanctions.items.map((s) => h('tr', { 'data-id': s.id }, h('td', {}, t(`sanction.${s.kind}`)), h('td', {}, s.reason),
        h('td', {}, `${s.starts_on} ~ ${s.ends_on}`), h('td', {}, s.in_force ? t('sanction.in_force') : t(`sanction.${s.status}`)),
        me.role === 'bureau' ? h('td', { class: 'actions' }, reasonedActions(`${t(`sanction.${s.kind}`)} ${s.starts_on}`,
          s.status === 'lifted' ? [] : ['lift'], () => `/v1/sanctions/${encodeURIComponent(s.id)}/lift`, 'sanction')) : null))),
    me.role === 'bureau' ? sanctionForm(id) : null,
    h('h2', {}, t('vendor.access')), dayForm,
    h('table', { id: 'vendor-access' }, h('thead', {}, h('tr', {}, ['vendor.col.category', 'vendor.col.eligible', 'vendor.col.reasons'].map((c) => h('th', { scope: 'col' }, t(c))))), accessBody),
  ];
  if (me.role === 'bureau') {
    const reason = h('input', { id: 'listing-reason', name: 'reason', required: true });
    const listing = v.status === 'listed' ? 'delist' : 'list';
    const form = h('form', { class: 'filters', id: 'listing-form', novalidate: true }, h('label', {}, t('vendor.listing.reason'), reason),
      h('button', { type: 'submit', class: listing === 'delist' ? 'danger' : undefined }, t(`vendor.listing.${listing}`)));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!reason.value.trim()) { say(t('vendor.listing.required')); reason.focus(); return; }
      try {
        await api('POST', `/v1/vendors/${encodeURIComponent(id)}/listing`, { decision: listing, reason: reason.value.trim() });
        say(t(`vendor.listing.done.${listing}`, { name: v.name }));
        render();
      } catch (e) {
        say(problemText(e));
      }
    });
    sections.push(h('h2', {}, t('vendor.listing')), form);
  }
  if (me.role === 'bureau' || me.role === 'vendor') sections.push(h('h2', {}, t('contact.title')), contactForm(v, render));
  show(v.name, ...sections);
  for (const [code, name] of categories) {
    try {
      const d = await api('GET', `/v1/vendors/${encodeURIComponent(id)}/market-access?category=${encodeURIComponent(code)}&on=${day}`);
      accessBody.append(h('tr', { 'data-category': code }, h('td', {}, name),
        h('td', { class: d.eligible ? 'ok' : 'error' }, d.eligible ? t('vendor.eligible.yes') : t('vendor.eligible.no')),
        h('td', {}, d.reasons.map((r) => reasonText(r, types)).join('；') || '—')));
    } catch (e) {
      say(problemText(e));
      return;
    }
  }
  accessBody.setAttribute('data-complete', 'true');
}

// A reason box and one button per action ("suspend", "lift", …) that posts {"reason"} to
// path(action) and redraws the page; `prefix` names the messages (`${prefix}.do.${action}`).
function reasonedActions(name, actions, path, prefix) {
  if (!actions.length) return [];
  const reason = h('input', { name: 'reason', 'aria-label': `${t('vendor.col.reason')}（${name}）`, placeholder: t('vendor.col.reason') });
  return [reason, ...actions.flatMap((what) => [' ', h('button', { class: what === 'reinstate' ? 'secondary' : 'danger',
    'aria-label': `${t(`${prefix}.do.${what}`)} ${name}`, onclick: async () => {
      if (!reason.value.trim()) { say(t('vendor.listing.required')); reason.focus(); return; }
      try {
        await api('POST', path(what), { reason: reason.value.trim() });
        say(t(`${prefix}.done.${what}`, { name }));
        render();
      } catch (e) {
        say(problemText(e));
      }
    } }, t(`${prefix}.do.${what}`))])];
}

// The bureau imposes a sanction (debarment or suspension) for a period, with its reason.
function sanctionForm(vendorId) {
  const error = h('p', { class: 'error', id: 'sanction-error', role: 'alert' });
  const form = h('form', { class: 'filters', id: 'sanction-form', novalidate: true },
    h('label', {}, t('vendor.col.kind'), h('select', { name: 'kind', id: 'sanction-kind' },
      ['suspension', 'debarment'].map((k) => h('option', { value: k }, t(`sanction.${k}`))))),
    h('label', {}, t('vendor.col.reason'), h('input', { name: 'reason', id: 'sanction-reason', required: true })),
    h('label', {}, t('sanction.starts'), h('input', { name: 'starts_on', id: 'sanction-starts', type: 'date', required: true, value: beijingDate() })),
    h('label', {}, t('sanction.ends'), h('input', { name: 'ends_on', id: 'sanction-ends', type: 'date', required: true })),
    h('button', { type: 'submit', class: 'danger' }, t('sanction.impose')), error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    if (!String(d.get('reason')).trim() || !d.get('ends_on')) { error.textContent = t('sanction.required'); return; }
    try {
      await api('POST', `/v1/vendors/${encodeURIComponent(vendorId)}/sanctions`, { kind: d.get('kind'), reason: String(d.get('reason')).trim(),
        starts_on: d.get('starts_on'), ends_on: d.get('ends_on') });
      say(t('sanction.imposed.done'));
      render();
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  return form;
}

// ---- a vendor's practitioners: declare one (the bureau reviews it), see the review, record a departure

async function practitionersScreen() {
  if (me.role !== 'vendor' || !me.vendor_id) { show(t('prac.title'), h('p', { class: 'error' }, t('forbidden'))); return; }
  const vid = encodeURIComponent(me.vendor_id);
  let list, types;
  try {
    [list, types] = await Promise.all([api('GET', `/v1/vendors/${vid}/practitioners`), typeNames()]);
  } catch (e) {
    show(t('prac.title'), h('p', { class: 'error' }, problemText(e)));
    return;
  }
  const error = h('p', { class: 'error', id: 'prac-error', role: 'alert' });
  const typeSelect = h('select', { name: 'type', id: 'prac-type' },
    [...types].filter(([code]) => code.startsWith('RK_') || code === 'CISP').map(([code, name]) => h('option', { value: code }, name)));
  const form = h('form', { class: 'stack', id: 'prac-form', novalidate: true },
    h('label', {}, t('prac.name'), h('input', { name: 'name', id: 'prac-name', required: true })),
    h('label', {}, t('prac.id_number'), h('input', { name: 'id_number', id: 'prac-id', required: true, maxlength: 18, autocomplete: 'off', 'aria-describedby': 'prac-id-hint' })),
    h('p', { class: 'hint', id: 'prac-id-hint' }, t('prac.id_number.hint')),
    h('label', {}, t('prac.credential'), typeSelect),
    h('label', {}, t('prac.certificate_no'), h('input', { name: 'certificate_no', id: 'prac-cert', required: true })),
    h('label', {}, t('prac.issued_on'), h('input', { name: 'issued_on', id: 'prac-issued', type: 'date', required: true })),
    error,
    h('button', { type: 'submit' }, t('prac.add')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    try {
      const p = await api('POST', `/v1/vendors/${vid}/practitioners`, {
        name: d.get('name'), id_number: d.get('id_number').trim().toUpperCase(),
        credentials: [{ type: d.get('type'), certificate_no: d.get('certificate_no'), issued_on: d.get('issued_on') }],
      });
      say(t('prac.added', { name: p.name }));
      render();
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 409 ? t('prac.held') : problemText(e);
    }
  });
  const rows = list.items.map((p) => {
    const cells = [h('td', { class: 'nowrap' }, p.name), h('td', {}, p.id_number),
      h('td', {}, p.credentials.map((c) => types.get(c.type) || c.type).join('；')),
      h('td', { class: 'nowrap' }, t(`prac.${p.status}`) + (p.departed_on ? `（${p.departed_on}）` : '')),
      h('td', {}, p.decision_comment || '')];
    const actions = h('td', { class: 'actions' });
    if (p.status === 'pending' || p.status === 'active') {
      const on = h('input', { type: 'date', name: 'on', value: beijingDate(), 'aria-label': `${t('prac.depart.on')}（${p.name}）` });
      const why = h('input', { name: 'reason', 'aria-label': `${t('prac.depart.reason')}（${p.name}）`, placeholder: t('prac.depart.reason') });
      actions.append(on, ' ', why, ' ', h('button', { class: 'danger', 'aria-label': `${t('prac.depart')} ${p.name}`, onclick: async () => {
        if (!why.value.trim()) { say(t('prac.depart.required')); why.focus(); return; }
        try {
          await api('POST', `/v1/practitioners/${encodeURIComponent(p.id)}/depart`, { on: on.value, reason: why.value.trim() });
          say(t('prac.departed.done', { name: p.name }));
          render();
        } catch (e) {
          say(problemText(e));
        }
      } }, t('prac.depart')));
    }
    return h('tr', { 'data-id': p.id }, cells, actions);
  });
  show(t('prac.title'),
    h('p', { class: 'hint' }, t('prac.why')),
    rows.length ? h('table', { id: 'prac-list' }, h('thead', {}, h('tr', {}, ['queue.col.name', 'queue.col.id', 'queue.col.credentials', 'vendor.col.state', 'prac.comment', 'prac.actions'].map((c) => h('th', { scope: 'col' }, t(c))))), h('tbody', {}, rows))
      : h('p', { class: 'empty', id: 'prac-list-empty' }, t('vendor.none')),
    h('h2', {}, t('prac.new')), form);
}

// ---- accounts (bureau): create with a one-time password, disable and enable, reset, new token

const ROLES = ['bureau', 'officer', 'expert', 'auditor', 'department', 'finance'];

async function accountsScreen() {
  if (me.role !== 'bureau') { show(t('accounts.title'), h('p', { class: 'error' }, t('forbidden'))); return; }
  let page;
  try {
    page = await api('GET', '/v1/accounts?limit=500');
  } catch (e) {
    show(t('accounts.title'), h('p', { class: 'error' }, problemText(e)));
    return;
  }
  const shown = h('div', { id: 'accounts-secret' });
  const error = h('p', { class: 'error', id: 'accounts-error', role: 'alert' });
  const form = h('form', { class: 'stack', id: 'account-form', novalidate: true },
    h('label', {}, t('accounts.name'), h('input', { name: 'name', id: 'account-name', required: true })),
    h('label', {}, t('accounts.role'), h('select', { name: 'role', id: 'account-role' }, ROLES.map((r) => h('option', { value: r }, t(`role.${r}`))))),
    h('label', { id: 'account-department-label', hidden: true }, t('accounts.department'),
      h('input', { name: 'department', id: 'account-department', autocomplete: 'organization' })),
    h('label', {}, t('accounts.login'), h('input', { name: 'login', id: 'account-login', required: true, autocomplete: 'off', 'aria-describedby': 'account-login-hint' })),
    h('p', { class: 'hint', id: 'account-login-hint' }, t('accounts.login.hint')),
    error,
    h('button', { type: 'submit' }, t('accounts.create')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    try {
      const made = await api('POST', '/v1/accounts', { name: d.get('name'), role: d.get('role'), login: d.get('login'),
        ...(d.get('role') === 'department' ? { department: d.get('department') } : {}) });
      await accountsScreen();
      document.getElementById('accounts-secret').replaceChildren(
        secretBox('new-password', t('accounts.password.for', { name: made.name || d.get('name'), login: d.get('login') }), made.password));
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  // A department account names its department: the field shows for that role only.
  const roleSelect = form.querySelector('#account-role');
  roleSelect.addEventListener('change', () => { form.querySelector('#account-department-label').hidden = roleSelect.value !== 'department'; });
  const rows = page.items.map((a) => {
    const reason = h('input', { name: 'reason', 'aria-label': `${t('accounts.reason')}（${a.name}）`, placeholder: t('accounts.reason') });
    // `withReason`: the action sends the reason typed in the row (read when clicked).
    const act = (what, path, withReason, done) => async () => {
      if (withReason && !reason.value.trim()) { say(t('accounts.reason.required')); reason.focus(); return; }
      try {
        const r = await api('POST', path, withReason ? { reason: reason.value.trim() } : undefined);
        await accountsScreen();
        if (done) done(r);
        say(t(`accounts.done.${what}`, { name: a.name }));
      } catch (e) {
        say(problemText(e));
      }
    };
    const id = encodeURIComponent(a.id);
    const buttons = [];
    if (a.status === 'active') {
      buttons.push(reason, ' ', h('button', { class: 'danger', 'aria-label': `${t('accounts.disable')} ${a.name}`,
        onclick: act('disable', `/v1/accounts/${id}/disable`, true, null) }, t('accounts.disable')));
    } else {
      buttons.push(reason, ' ', h('button', { class: 'secondary', 'aria-label': `${t('accounts.enable')} ${a.name}`,
        onclick: act('enable', `/v1/accounts/${id}/enable`, true, null) }, t('accounts.enable')));
    }
    if (a.login && a.status === 'active') {
      buttons.push(' ', h('button', { class: 'secondary', 'aria-label': `${t('accounts.reset')} ${a.name}`,
        onclick: act('reset', `/v1/accounts/${id}/password-reset`, false, (r) => document.getElementById('accounts-secret')
          .replaceChildren(secretBox('reset-password', t('accounts.password.for', { name: a.name, login: a.login }), r.password))) }, t('accounts.reset')));
    }
    if (a.role === 'expert') {
      // What the committee's draw reads: the expert's specialties and affiliations (回避).
      buttons.push(' ', h('a', { href: `/console/experts/${id}`, 'aria-label': `${t('expert.profile')} ${a.name}`,
        onclick: (ev) => { ev.preventDefault(); go(`/console/experts/${id}`); } }, t('expert.profile')));
    }
    if (a.status === 'active') {
      // A machine client's token: the old one stops at once, the new one is shown this once.
      buttons.push(' ', h('button', { class: 'secondary', 'aria-label': `${t('accounts.token')} ${a.name}`,
        onclick: act('token', `/v1/accounts/${id}/token`, false, (r) => document.getElementById('accounts-secret')
          .replaceChildren(secretBox('new-token', t('accounts.token.for', { name: a.name }), r.token))) }, t('accounts.token')));
    }
    return h('tr', { 'data-id': a.id }, h('td', { class: 'nowrap' }, a.name), h('td', {}, t(`role.${a.role}`) + (a.department ? `（${a.department}）` : '')),
      h('td', {}, a.login || '—'), h('td', {}, t(`accounts.status.${a.status}`)), h('td', {}, formatTime(a.last_seen_at) || '—'),
      h('td', { class: 'actions' }, buttons));
  });
  show(t('accounts.title'), shown,
    h('table', { id: 'account-list' }, h('thead', {}, h('tr', {}, ['name', 'role', 'login', 'status', 'seen', 'actions'].map((c) => h('th', { scope: 'col' }, t(`accounts.col.${c}`))))), h('tbody', {}, rows)),
    h('h2', {}, t('accounts.new')), form);
}

// ---- tenders (officers; others read): the list, a new tender, one tender and its steps

const METHODS = ['comprehensive', 'lowest_price', 'price_performance'];

// A datetime-local value read as Beijing time → RFC 3339 UTC.
function beijingToUtc(local) {
  return new Date(`${local}:00+08:00`).toISOString().replace('.000Z', 'Z');
}

async function tendersScreen() {
  if (me.role === 'vendor') { await vendorTendersScreen(me); return; }
  if (me.role === 'expert') { await expertTendersScreen(me); return; }  // the tenders whose committee it sits on
  const [page, categories] = await Promise.all([api('GET', '/v1/tenders?limit=200'), categoryNames()]);
  const body = h('tbody', {}, page.items.map((x) => h('tr', { 'data-id': x.id },
    h('td', {}, link(`/console/tenders/${encodeURIComponent(x.id)}`, x.title)), h('td', {}, categories.get(x.category) || x.category),
    h('td', {}, formatMoney(x.budget)), h('td', {}, t(`method.${x.method}`)), h('td', { class: 'nowrap' }, formatTime(x.bid_deadline)),
    h('td', {}, t(`tender.status.${x.status}`)), h('td', {}, x.owner_name || ''))));
  if (!page.items.length) body.append(h('tr', {}, h('td', { colspan: 7, class: 'empty' }, t('tenders.none'))));
  show(t('tenders.title'),
    me.role === 'officer' ? h('p', {}, link('/console/tenders/new', t('tenders.new'))) : null,
    h('table', { id: 'tender-list' }, h('thead', {}, h('tr', {}, ['title', 'category', 'budget', 'method', 'deadline', 'status', 'owner'].map((c) => h('th', { scope: 'col' }, t(`tenders.col.${c}`))))), body));
}

async function newTenderScreen() {
  if (me.role !== 'officer') { show(t('tenders.new'), h('p', { class: 'error' }, t('forbidden'))); return; }
  const [categories, limits, types, approved] = await Promise.all([categoryNames(), api('GET', '/v1/policy-limits'), typeNames(),
    api('GET', '/v1/projects?status=approved&limit=200')]);
  const error = h('p', { class: 'error', id: 'tender-error', role: 'alert' });
  // The approved e-government project the tender buys for, if any: its budget bounds the tender's.
  const project = h('select', { name: 'project_id', id: 'tender-project', 'aria-describedby': 'project-hint' },
    h('option', { value: '' }, t('tender.project.none')),
    approved.items.map((p) => h('option', { value: p.id }, t('tender.project.option', { title: p.title, amount: formatMoney(p.approved_budget) }))));
  const reqs = h('div', { id: 'tender-requirements', 'aria-live': 'polite' });
  const weightHint = h('p', { class: 'hint', id: 'weight-hint', 'aria-live': 'polite' }, t('tender.weight.hint'));
  const minHint = h('p', { class: 'hint', id: 'min-hint', 'aria-live': 'polite' }, t('tender.min.hint', { n: limits.min_valid_bids_min }));
  const category = h('select', { name: 'category', id: 'tender-category' }, h('option', { value: '' }, t('tender.choose')),
    [...categories].map(([code, name]) => h('option', { value: code }, name)));
  const method = h('select', { name: 'method', id: 'tender-method' }, METHODS.map((m) => h('option', { value: m }, t(`method.${m}`))));
  const weight = h('input', { name: 'price_weight', id: 'tender-weight', type: 'number', min: 0, max: 100, step: '0.01', value: '30', 'aria-describedby': 'weight-hint' });
  const minValid = h('input', { name: 'min_valid_bids', id: 'tender-min', type: 'number', min: 1, value: String(limits.min_valid_bids_min), 'aria-describedby': 'min-hint' });
  const form = h('form', { class: 'stack', id: 'tender-form', novalidate: true },
    h('label', {}, t('tender.title'), h('input', { name: 'title', id: 'tender-title', required: true })),
    h('label', {}, t('tender.project'), project), h('p', { class: 'hint', id: 'project-hint' }, t('tender.project.hint')),
    h('label', {}, t('tender.category'), category), reqs,
    h('label', {}, t('tender.budget'), h('input', { name: 'budget', id: 'tender-budget', inputmode: 'decimal', placeholder: '1000000.00', required: true })),
    h('label', {}, t('tender.method'), method),
    h('label', {}, t('tender.weight'), weight), weightHint,
    h('label', {}, t('tender.min'), minValid), minHint,
    h('label', {}, t('tender.deadline'), h('input', { name: 'bid_deadline', id: 'tender-deadline', type: 'datetime-local', required: true })),
    h('label', {}, t('tender.sealing'), h('select', { name: 'sealing', id: 'tender-sealing', 'aria-describedby': 'sealing-hint' },
      ['server', 'commit_reveal'].map((v) => h('option', { value: v }, t(`sealing.${v}`))))),
    h('p', { class: 'hint', id: 'sealing-hint' }, t('tender.sealing.hint', { days: limits.amendment_notice_days_default })),
    error,
    h('button', { type: 'submit' }, t('tender.create')));
  // As you type: the category's requirements and who may bid; the weight and the legal minimum.
  category.addEventListener('change', async () => {
    reqs.replaceChildren();
    if (!category.value) return;
    const [c, eligible] = await Promise.all([api('GET', `/v1/categories/${encodeURIComponent(category.value)}`),
      api('GET', `/v1/vendors?eligible_for=${encodeURIComponent(category.value)}&limit=500`)]);
    reqs.append(h('ul', { id: 'tender-requirement-list' }, c.requirements.map((r) => h('li', {}, r.qualification
      ? t('tender.req.qualification', { type: types.get(r.qualification) || r.qualification, level: r.min_level || '' })
      : t('tender.req.credential', { type: types.get(r.credential) || r.credential, count: r.min_count })))),
      h('p', { id: 'tender-eligible' }, t('tender.eligible', { n: eligible.items.length + (eligible.next_cursor ? '+' : '') })));
  });
  const checkWeight = () => {
    const v = Number(weight.value);
    const bad = method.value === 'comprehensive' && (!(v >= 0 && v <= 100) || weight.value === '');
    weightHint.textContent = bad ? t('tender.weight.bad') : t('tender.weight.hint');
    weightHint.className = bad ? 'error' : 'hint';
    weight.disabled = method.value !== 'comprehensive';
  };
  const checkMin = () => {
    const bad = !(Number(minValid.value) >= limits.min_valid_bids_min);
    minHint.textContent = bad ? t('tender.min.bad', { n: limits.min_valid_bids_min }) : t('tender.min.hint', { n: limits.min_valid_bids_min });
    minHint.className = bad ? 'error' : 'hint';
  };
  weight.addEventListener('input', checkWeight);
  method.addEventListener('change', checkWeight);
  minValid.addEventListener('input', checkMin);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    const body = { title: d.get('title'), category: d.get('category'), budget: d.get('budget'), method: d.get('method'),
      min_valid_bids: Number(d.get('min_valid_bids')), bid_deadline: d.get('bid_deadline') ? beijingToUtc(d.get('bid_deadline')) : '' };
    if (body.method === 'comprehensive') body.price_weight = Number(weight.value);
    if (d.get('project_id')) body.project_id = d.get('project_id');
    body.policies = { sealing: d.get('sealing') };
    try {
      const made = await api('POST', '/v1/tenders', body);
      say(t('tender.created', { title: made.title }));
      go(`/console/tenders/${encodeURIComponent(made.id)}`);
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  show(t('tenders.new'), form);
}

async function tenderScreen(id) {
  let x, categories;
  try {
    [x, categories] = await Promise.all([api('GET', `/v1/tenders/${encodeURIComponent(id)}`), categoryNames()]);
  } catch (e) {
    show(t('tenders.title'), h('p', { class: 'error' }, e instanceof ApiError && e.status === 404 ? t('notfound.title') : problemText(e)));
    return;
  }
  const tid = encodeURIComponent(id);
  const facts = h('dl', { class: 'facts', id: 'tender-facts' },
    h('dt', {}, t('tender.category')), h('dd', {}, categories.get(x.category) || x.category),
    h('dt', {}, t('tender.budget')), h('dd', {}, formatMoney(x.budget)),
    h('dt', {}, t('tender.method')), h('dd', {}, t(`method.${x.method}`) + (x.method === 'comprehensive' ? `（${t('tender.weight')} ${x.price_weight}）` : '')),
    h('dt', {}, t('tender.min')), h('dd', {}, String(x.min_valid_bids)),
    h('dt', {}, t('tender.deadline')), h('dd', {}, formatTime(x.bid_deadline)),
    h('dt', {}, t('tenders.col.status')), h('dd', { id: 'tender-status' }, t(`tender.status.${x.status}`)),
    h('dt', {}, t('tenders.col.owner')), h('dd', {}, x.owner_name || x.owner_id),
    h('dt', {}, t('tender.sealing')), h('dd', { id: 'tender-sealing-fact' }, t(`sealing.${x.policies.sealing}`)),
    x.reveal_closes_at && h('dt', {}, t('tender.reveal_closes')), x.reveal_closes_at && h('dd', {}, formatTime(x.reveal_closes_at)));
  // Only the tender's owner is known here; officers added to it are refused by the server instead.
  const ownOfficer = me.role === 'officer' && x.owner_id === me.id;
  const steps = h('div', { class: 'filters', id: 'tender-steps' });
  const step = (name, path, body) => h('button', { id: `step-${name}`, onclick: async () => {
    try {
      await api('POST', `/v1/tenders/${tid}/${path}`, typeof body === 'function' ? body() : body);
      say(t(`tender.done.${name}`));
      render();
    } catch (e) {
      say(problemText(e));
    }
  } }, t(`tender.step.${name}`));
  if (me.role === 'officer') {
    if (x.status === 'draft') steps.append(step('publish', 'publish', {}));
    if (x.status === 'open') steps.append(step('open', 'open', {}));
    if (x.status === 'opened') steps.append(step('evaluate', 'evaluate', {}));
    if (x.status === 'evaluated') steps.append(step('award', 'award', {}));
    if (['draft', 'open', 'opened', 'evaluated', 'failed'].includes(x.status)) {
      const reason = h('input', { id: 'cancel-reason', name: 'reason', 'aria-label': t('tender.cancel.reason'), placeholder: t('tender.cancel.reason') });
      const cancel = step('cancel', 'cancel', () => ({ reason: reason.value.trim() }));
      cancel.className = 'danger';
      steps.append(reason, cancel);
    }
  }
  const more = [];
  if (me.role === 'vendor') more.push(...await vendorBidSection(me, x));
  if (x.status !== 'draft') more.push(...await clarificationSection(me, x, ownOfficer));
  // Among experts only the committee's members read the bids, the committee and the evaluation.
  const member = me.role === 'expert' && x.committee_drawn
    && (await api('GET', `/v1/experts/${encodeURIComponent(me.id)}`)).committees.some((c) => c.tender_id === x.id);
  more.push(...await committeeSection(me, x, ownOfficer, member));
  more.push(...await afterAwardSection(me, x, ownOfficer));
  if (me.role === 'expert' && !member && x.status !== 'open') {
    more.push(h('p', { class: 'error', id: 'not-member' }, t('committee.not_member')));
  } else if (['opened', 'evaluated', 'awarded', 'contracted', 'failed'].includes(x.status) && me.role !== 'bureau' && me.role !== 'vendor') {
    const bids = (await api('GET', `/v1/tenders/${tid}/bids`)).items;
    if (me.role === 'expert' && x.status === 'opened') more.push(...scoreSheet(x, bids));
    const names = new Map(bids.map((b) => [b.id, b.vendor_name]));
    more.push(h('h2', {}, t('tender.bids')), h('table', { id: 'tender-bids' },
      h('thead', {}, h('tr', {}, ['vendor', 'price', 'domestic', 'review'].map((c) => h('th', { scope: 'col' }, t(`bid.col.${c}`))))),
      h('tbody', {}, bids.map((b) => h('tr', { 'data-id': b.id }, h('td', {}, b.vendor_name),
        h('td', {}, b.price === null ? t('seal.sealed') : formatMoney(b.price)),
        h('td', {}, b.domestic ? t('bid.domestic.yes') : b.domestic_claimed ? t('bid.domestic.claimed') : t('bid.domestic.no')),
        h('td', {}, b.review ? (b.review.eligible ? t('bid.eligible') : b.review.reasons.map((r) => t(`reason.${r.code}`, { type: '', level: '', count: '' })).join('；')) : '—'))))));
    if (['evaluated', 'awarded', 'contracted', 'failed'].includes(x.status)) {
      const report = await api('GET', `/v1/tenders/${tid}/evaluation`);
      more.push(h('h2', {}, t('tender.ranking')), rankingTable(report, names, x),
        h('p', {}, link(`/console/tenders/${tid}/report`, t('tender.report.open'))));
      if (me.role === 'officer' && x.status === 'evaluated' && report.ranking.length > 1) more.push(...awardOtherForm(tid, report, names));
    }
  }
  if (me.role === 'bureau' || me.role === 'auditor') {
    more.push(h('p', {}, link(`/console/audit?tender_id=${tid}`, t('tender.timeline'))));
  }
  show(x.title, facts, steps, ...more);
}

// Awarding a bid other than rank 1: the law asks for the reason, which goes on the record.
function awardOtherForm(tid, report, names) {
  const choice = h('select', { name: 'bid_id', id: 'award-bid' }, report.ranking.slice(1).map((r) =>
    h('option', { value: r.bid_id }, t('award.other.option', { rank: r.rank, name: names.get(r.bid_id) || r.bid_id }))));
  const why = h('textarea', { name: 'justification', id: 'award-justification', rows: 3, required: true, 'aria-describedby': 'award-hint' });
  const error = h('p', { class: 'error', id: 'award-error', role: 'alert' });
  const form = h('form', { class: 'stack', id: 'award-other', novalidate: true },
    h('label', {}, t('award.other.bid'), choice),
    h('label', {}, t('award.other.justification'), why),
    h('p', { class: 'hint', id: 'award-hint' }, t('award.other.hint')),
    error, h('button', { type: 'submit', class: 'danger' }, t('award.other.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!why.value.trim()) { error.textContent = t('award.other.required'); why.focus(); return; }
    try {
      await api('POST', `/v1/tenders/${tid}/award`, { bid_id: choice.value, justification: why.value.trim() });
      say(t('tender.done.award'));
      render();
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  return [h('h2', {}, t('award.other.title')), form];
}

// The expert's score sheet: one technical score per bid that passed the qualification review,
// each the signed-in expert's own (the server records the caller as the scorer). The maximum is
// what the method leaves besides the price (100 − price weight for the comprehensive method).
function scoreSheet(x, bids) {
  const max = x.method === 'comprehensive' ? 100 - Number(x.price_weight) : 100;
  const scored = bids.filter((b) => !b.review || b.review.eligible);
  const error = h('p', { class: 'error', id: 'score-error', role: 'alert' });
  const inputs = scored.map((b) => h('input', { type: 'number', min: 0, max, step: '0.01', name: b.id, required: true,
    'aria-label': t('score.for', { name: b.vendor_name }), 'data-bid': b.id }));
  const form = h('form', { class: 'stack', id: 'score-form', novalidate: true },
    h('p', { class: 'hint' }, t('score.why', { max })),
    h('table', { id: 'score-sheet' }, h('thead', {}, h('tr', {}, ['bid.col.vendor', 'bid.col.price', 'score.col.score'].map((c) => h('th', { scope: 'col' }, t(c))))),
      h('tbody', {}, scored.map((b, i) => h('tr', { 'data-id': b.id }, h('td', {}, b.vendor_name), h('td', {}, b.price === null ? t('seal.sealed') : formatMoney(b.price)), h('td', {}, inputs[i]))))),
    error, h('button', { type: 'submit' }, t('score.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const bad = inputs.find((el) => el.value === '' || !(Number(el.value) >= 0 && Number(el.value) <= max));
    if (bad) { error.textContent = t('score.range', { max }); bad.focus(); return; }
    try {
      await api('POST', `/v1/tenders/${encodeURIComponent(x.id)}/scores`, { scores: inputs.map((el) => ({ bid_id: el.dataset.bid, technical_score: Number(el.value) })) });
      error.textContent = '';
      say(t('score.done'));
      form.querySelector('#score-done')?.remove();
      form.append(h('p', { class: 'ok', id: 'score-done' }, t('score.done.again')));
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  return [h('h2', {}, t('score.title')), scored.length ? form : h('p', { class: 'empty' }, t('score.none'))];
}

function tieBreakText(code) { return code ? t(`tie.${code}`) : ''; }

function rankingTable(report, names, x) {
  return h('table', { id: 'tender-ranking' },
    h('thead', {}, h('tr', {}, ['rank', 'vendor', 'price', 'evaluated', 'score', 'tie'].map((c) => h('th', { scope: 'col' }, t(`rank.col.${c}`))))),
    h('tbody', {}, report.ranking.map((r) => h('tr', { 'data-bid': r.bid_id, class: x.awarded_bid_id === r.bid_id ? 'winner' : undefined },
      h('td', {}, String(r.rank)), h('td', {}, names.get(r.bid_id) || r.bid_id), h('td', {}, formatMoney(r.price)),
      h('td', {}, formatMoney(r.evaluated_price)), h('td', {}, r.total === null ? '—' : String(r.total)),
      h('td', {}, tieBreakText(r.tie_break))))));
}

// What the printable documents of a tender read: the tender, its bids, its stored evaluation and
// the category names; null (with the problem shown under `title`) when a read fails.
async function tenderDocuments(id, title) {
  const tid = encodeURIComponent(id);
  try {
    const [x, bids, report, categories] = await Promise.all([api('GET', `/v1/tenders/${tid}`), api('GET', `/v1/tenders/${tid}/bids`),
      api('GET', `/v1/tenders/${tid}/evaluation`), categoryNames()]);
    return { x, bids, report, categories };
  } catch (e) {
    show(title, h('p', { class: 'error' }, problemText(e)));
    return null;
  }
}

// The printable evaluation report (评标报告), A4: the tender, the bidders by name, the exclusions
// with their reasons, the ranking with every tie-break in a sentence, and the signature lines.
async function reportScreen(id) {
  const docs = await tenderDocuments(id, t('report.title'));
  if (!docs) return;
  const { x, bids, report, categories } = docs;
  const names = new Map(bids.items.map((b) => [b.id, b.vendor_name]));
  const winner = report.winner ? names.get(report.winner) : null;
  const sentences = report.ranking.filter((r) => r.tie_break).map((r, i) => h('li', {}, t('report.tie', {
    ahead: names.get(r.bid_id), behind: names.get(report.ranking[report.ranking.indexOf(r) + 1]?.bid_id) || '', rule: tieBreakText(r.tie_break) })));
  show(`${t('report.title')}：${x.title}`,
    h('p', { class: 'no-print' }, h('button', { onclick: () => window.print() }, t('report.print'))),
    h('dl', { class: 'facts' },
      h('dt', {}, t('tender.title')), h('dd', {}, x.title),
      h('dt', {}, t('tender.category')), h('dd', {}, categories.get(x.category) || x.category),
      h('dt', {}, t('tender.budget')), h('dd', {}, formatMoney(x.budget)),
      h('dt', {}, t('tender.method')), h('dd', {}, t(`method.${x.method}`)),
      h('dt', {}, t('tender.deadline')), h('dd', {}, formatTime(x.bid_deadline))),
    h('h2', {}, t('report.bidders')),
    h('ol', {}, bids.items.map((b) => h('li', {}, `${b.vendor_name}（${formatMoney(b.price)}）`))),
    h('h2', {}, t('report.excluded')),
    report.excluded.length ? h('ul', { id: 'report-excluded' }, report.excluded.map((e) => h('li', {},
      `${names.get(e.bid_id)}：${e.reasons.map((r) => t(`reason.${r.code}`, { type: '', level: '', count: '' })).join('；')}`)))
      : h('p', {}, t('report.none')),
    h('h2', {}, t('tender.ranking')), rankingTable(report, names, x),
    sentences.length ? h('ul', { id: 'report-ties' }, sentences) : null,
    h('p', { id: 'report-winner' }, winner ? t('report.winner', { name: winner }) : t('report.failed')),
    h('div', { class: 'signatures' }, [t('report.sign.committee'), t('report.sign.officer'), t('report.sign.date')].map((s) => h('p', {}, `${s}：＿＿＿＿＿＿＿＿＿＿＿＿`))));
}

// The award notice (中标结果公告), printable on A4: what was bought, how, the winner and its
// price, the other valid bids in rank order, and the lines for the issuing unit and the date.
async function noticeScreen(id) {
  const docs = await tenderDocuments(id, t('notice.title'));
  if (!docs) return;
  const { x, bids, report, categories } = docs;
  if (!x.award_notice) { show(t('notice.title'), h('p', { class: 'error', id: 'notice-not-awarded' }, t('notice.not_awarded'))); return; }
  const byId = new Map(bids.items.map((b) => [b.id, b]));
  const winner = byId.get(x.awarded_bid_id);
  show(`${t('notice.title')}：${x.title}`,
    h('p', { class: 'no-print' }, h('button', { onclick: () => window.print() }, t('report.print'))),
    h('dl', { class: 'facts', id: 'notice-facts' },
      h('dt', {}, t('tender.title')), h('dd', {}, x.title),
      h('dt', {}, t('tender.category')), h('dd', {}, categories.get(x.category) || x.category),
      h('dt', {}, t('tender.budget')), h('dd', {}, formatMoney(x.budget)),
      h('dt', {}, t('tender.method')), h('dd', {}, t(`method.${x.method}`)),
      h('dt', {}, t('tender.deadline')), h('dd', {}, formatTime(x.bid_deadline)),
      h('dt', {}, t('notice.winner')), h('dd', { id: 'notice-winner' }, winner ? winner.vendor_name : x.awarded_bid_id),
      h('dt', {}, t('notice.price')), h('dd', { id: 'notice-price' }, winner ? formatMoney(winner.price) : '—'),
      h('dt', {}, t('award.notice.published')), h('dd', { id: 'notice-published' }, formatTime(x.award_notice.published_at)),
      h('dt', {}, t('award.notice.ends')), h('dd', { id: 'notice-challenge-ends' }, x.award_notice.challenge_period_ends_on)),
    h('h2', {}, t('notice.valid')),
    h('table', { id: 'notice-ranking' }, h('thead', {}, h('tr', {}, ['rank.col.rank', 'rank.col.vendor', 'rank.col.price'].map((c) => h('th', { scope: 'col' }, t(c))))),
      h('tbody', {}, report.ranking.map((r) => h('tr', {}, h('td', {}, String(r.rank)), h('td', {}, byId.get(r.bid_id)?.vendor_name || r.bid_id),
        h('td', {}, formatMoney(r.price)))))),
    h('p', { id: 'notice-objection' }, t('notice.objection', { date: x.award_notice.challenge_period_ends_on })),
    h('div', { class: 'signatures' }, [t('notice.sign.unit'), t('notice.sign.date')].map((s2) => h('p', {}, `${s2}：＿＿＿＿＿＿＿＿＿＿＿＿`))));
}

// What-if (模拟评审): the evaluation engine on terms and bids typed here, nothing stored. The
// same ranking table and tie-break sentences as a real tender's.
function simulateScreen() {
  if (!['officer', 'expert', 'auditor', 'bureau'].includes(me.role)) { show(t('sim.title'), h('p', { class: 'error' }, t('forbidden'))); return; }
  const result = h('div', { id: 'sim-result', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', id: 'sim-error', role: 'alert' });
  const method = h('select', { name: 'method', id: 'sim-method' }, METHODS.map((m) => h('option', { value: m }, t(`method.${m}`))));
  const rows = h('tbody', {});
  let n = 0;
  const addRow = (name = '', price = '', domestic = false, score = '') => {
    n += 1;
    const label = (k) => `${t(k)}（${t('sim.bid', { n })}）`;
    rows.append(h('tr', { 'data-row': n },
      h('td', {}, h('input', { name: 'id', value: name || t('sim.bid', { n }), 'aria-label': label('sim.col.name') })),
      h('td', {}, h('input', { name: 'price', inputmode: 'decimal', value: price, 'aria-label': label('sim.col.price') })),
      h('td', {}, h('input', { type: 'checkbox', name: 'domestic', checked: domestic, 'aria-label': label('sim.col.domestic') })),
      h('td', {}, h('input', { type: 'checkbox', name: 'sme', 'aria-label': label('sim.col.sme') })),
      h('td', {}, h('input', { type: 'checkbox', name: 'eligible', checked: true, 'aria-label': label('sim.col.eligible') })),
      h('td', {}, h('input', { type: 'number', name: 'technical_score', min: 0, max: 100, step: '0.01', value: score, 'aria-label': label('sim.col.score') }))));
  };
  for (let i = 0; i < 3; i += 1) addRow();
  const form = h('form', { class: 'stack wide', id: 'sim-form', novalidate: true },
    h('p', { class: 'hint' }, t('sim.why')),
    h('label', {}, t('tender.method'), method),
    h('label', {}, t('tender.weight'), h('input', { name: 'price_weight', id: 'sim-weight', type: 'number', min: 0, max: 100, step: '0.01', value: '30' })),
    h('label', {}, t('tender.budget'), h('input', { name: 'budget', id: 'sim-budget', inputmode: 'decimal', value: '1000000.00' })),
    h('label', {}, t('tender.min'), h('input', { name: 'min_valid_bids', id: 'sim-min', type: 'number', min: 1, value: '3' })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'domestic_tie_preference', id: 'sim-tie', checked: true }), t('sim.tie')),
    h('label', {}, t('sim.domestic_pct'), h('input', { name: 'domestic_price_deduction_pct', id: 'sim-dom', type: 'number', min: 0, max: 100, step: '0.01', value: '0' })),
    h('label', {}, t('sim.sme_pct'), h('input', { name: 'sme_price_deduction_pct', id: 'sim-sme', type: 'number', min: 0, max: 100, step: '0.01', value: '0' })),
    h('table', { id: 'sim-bids' }, h('thead', {}, h('tr', {}, ['name', 'price', 'domestic', 'sme', 'eligible', 'score'].map((c) => h('th', { scope: 'col' }, t(`sim.col.${c}`))))), rows),
    h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'sim-add', onclick: () => addRow() }, t('sim.add'))),
    error, h('button', { type: 'submit' }, t('sim.run')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    const bids = [...rows.children].map((tr) => {
      const get = (k) => tr.querySelector(`[name="${k}"]`);
      const bid = { id: get('id').value.trim(), price: yuan(get('price').value) ?? get('price').value, domestic: get('domestic').checked,
                    sme: get('sme').checked, eligible: get('eligible').checked };
      if (get('technical_score').value !== '') bid.technical_score = Number(get('technical_score').value);
      return bid;
    }).filter((b) => b.price !== '');
    const body = { method: d.get('method'), budget: d.get('budget'), min_valid_bids: Number(d.get('min_valid_bids')), bids,
      policies: { domestic_tie_preference: d.get('domestic_tie_preference') === 'on',
                  domestic_price_deduction_pct: Number(d.get('domestic_price_deduction_pct')), sme_price_deduction_pct: Number(d.get('sme_price_deduction_pct')) } };
    if (body.method === 'comprehensive') body.price_weight = Number(d.get('price_weight'));
    try {
      const report = await api('POST', '/v1/evaluations/simulate', body);
      error.textContent = '';
      const names = new Map(bids.map((b) => [b.id, b.id]));
      result.replaceChildren(
        h('h2', {}, t('sim.result')),
        h('p', { id: 'sim-outcome' }, report.winner ? t('report.winner', { name: report.winner }) : t('sim.failed', { why: report.failure_reason || '' })),
        rankingTable(report, names, { awarded_bid_id: null }),
        report.excluded.length ? h('ul', { id: 'sim-excluded' }, report.excluded.map((e) => h('li', {},
          `${e.bid_id}：${e.reasons.map((r) => t(`reason.${r.code}`, { type: '', level: '', count: '' })).join('；')}`))) : null);
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  show(t('sim.title'), form, result);
}

function notFoundScreen() {
  show(t('notfound.title'), h('p', {}, link('/console/', t('notfound.back'))));
}

// ---- routing

const screens = [
  [/^\/console\/?$/, homeScreen],
  [/^\/console\/queue\/?$/, queueScreen],
  [/^\/console\/audit\/?$/, auditScreen],
  [/^\/console\/vendors\/?$/, vendorsScreen],
  [/^\/console\/practitioners\/?$/, practitionersScreen],
  [/^\/console\/accounts\/?$/, accountsScreen],
  [/^\/console\/applications\/?$/, () => applicationsScreen(me)],
  [/^\/console\/items\/?$/, () => itemsScreen(me)],
  [/^\/console\/tenders\/?$/, tendersScreen],
  [/^\/console\/tenders\/new\/?$/, newTenderScreen],
  [/^\/console\/simulate\/?$/, simulateScreen],
  [/^\/console\/setup\/?$/, () => setupScreen(me, render)],
  [/^\/console\/tenders\/([^/]+)\/report\/?$/, (m) => reportScreen(decodeURIComponent(m[1]))],
  [/^\/console\/tenders\/([^/]+)\/notice\/?$/, (m) => noticeScreen(decodeURIComponent(m[1]))],
  [/^\/console\/tenders\/([^/]+)\/?$/, (m) => tenderScreen(decodeURIComponent(m[1]))],
  [/^\/console\/experts\/([^/]+)\/?$/, (m) => expertProfileScreen(me, decodeURIComponent(m[1]))],
  [/^\/console\/complaints\/?$/, () => complaintsScreen(me)],
  [/^\/console\/exchange\/?$/, () => exchangeScreen(me)],
  [/^\/console\/plans\/?$/, () => plansScreen(me)],
  [/^\/console\/projects\/?$/, () => projectsScreen(me)],
  [/^\/console\/projects\/new\/?$/, () => newProjectScreen(me)],
  [/^\/console\/projects\/([^/]+)\/?$/, (m) => projectScreen(me, decodeURIComponent(m[1]))],
  [/^\/console\/public\/?$/, publicScreen],
  [/^\/console\/calendar\/(\d{4})\/?$/, (m) => calendarScreen(me, m[1])],
  [/^\/console\/vendors\/print\/?$/, approvedListScreen],
  [/^\/console\/vendors\/([^/]+)\/?$/, (m) => vendorScreen(decodeURIComponent(m[1]))],
];

async function render() {
  drawBar();
  if (!me) {
    if (/^\/console\/register\/?$/.test(location.pathname)) registerScreen();
    else if (/^\/console\/public\/?$/.test(location.pathname)) await publicScreen();
    else signInScreen();
    return;
  }
  if (me.must_change_password) { changePasswordScreen(); return; }
  const path = location.pathname;
  // What the previous screen showed goes at once: a table of another day or state is never read
  // as this one's while this one's reads are under way.
  main.replaceChildren(h('p', { class: 'hint', id: 'loading' }, t('loading')));
  const found = screens.find(([re]) => re.test(path));
  await (found ? found[1](path.match(found[0])) : notFoundScreen());
}

async function start() {
  // Only a tab that signed in holds a CSRF token; without one, ask nothing (no 401 to log).
  if (csrfToken()) {
    try {
      me = await api('GET', '/v1/me');
    } catch (e) {
      setCsrfToken(null);
      me = null;
    }
  }
  setRenderer(render);
  window.addEventListener('popstate', render);
  await render();
}

start();
