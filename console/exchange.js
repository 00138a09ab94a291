// Data exchange (the exchange issue): the staff's export screen and the public information page
// (信息公开), which needs no sign-in and reads only /public/v1/.
import { api, ApiError, importFile } from './api.js';
import { formatMoney, formatTime, t } from './i18n.js';
import { dataTable, h, link, problemText, show } from './ui.js';

const EXPORTS = [
  ['approved-list.csv', 'exchange.export.list_csv'],
  ['approved-list.xlsx', 'exchange.export.list_xlsx'],
  ['qualifications.csv', 'exchange.export.qualifications'],
  ['sanctions.csv', 'exchange.export.sanctions'],
  ['catalog.csv', 'exchange.export.catalog'],
];

const KINDS = ['vendors', 'qualifications', 'practitioners', 'catalog_items'];

function errorsTable(errors) {
  return dataTable('import-errors', ['import.col.row', 'import.col.column', 'import.col.problem'],
    errors.map((e) => h('tr', {}, h('td', {}, String(e.row)), h('td', {}, e.field || '—'), h('td', {}, e.message))), 'import.no_errors');
}

// The bureau's import: choose what the file holds and the file, check it (a dry run: nothing is
// written), read the rows in error, and import only a file whose check found none.
function importSection() {
  const kind = h('select', { name: 'kind', id: 'import-kind' }, KINDS.map((k) => h('option', { value: k }, t(`import.kind.${k}`))));
  const file = h('input', { type: 'file', name: 'file', id: 'import-file', accept: '.csv,text/csv' });
  const columns = h('p', { class: 'hint', id: 'import-columns' });
  const showColumns = () => { columns.textContent = t(`import.columns.${kind.value}`); };
  showColumns();
  const report = h('div', { id: 'import-report', 'aria-live': 'polite' });
  const commit = h('button', { type: 'button', id: 'import-commit', disabled: true }, t('import.commit'));
  let checked = null;  // the [kind, file] the last clean dry run was for
  const reset = () => { checked = null; commit.disabled = true; report.replaceChildren(); showColumns(); };
  kind.addEventListener('change', reset);
  file.addEventListener('change', reset);
  const check = h('button', { type: 'submit', id: 'import-check' }, t('import.check'));
  const form = h('form', { class: 'stack', id: 'import-form', novalidate: true },
    h('label', {}, t('import.kind'), kind), columns, h('label', {}, t('import.file'), file), h('p', {}, check, ' ', commit));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const chosen = file.files[0];
    if (!chosen) { report.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('import.choose'))); return; }
    try {
      const r = await importFile(kind.value, chosen, true);
      checked = r.errors.length ? null : [kind.value, chosen];
      commit.disabled = !checked;
      report.replaceChildren(
        h('p', { id: 'import-summary' }, t('import.summary', { rows: r.rows, valid: r.valid, create: r.would_create, update: r.would_update, encoding: r.encoding })),
        r.errors.length ? h('p', { class: 'error', role: 'alert' }, t('import.fix', { n: r.rows - r.valid })) : h('p', {}, t('import.ready')),
        errorsTable(r.errors));
    } catch (e) {
      report.replaceChildren(h('p', { class: 'error', role: 'alert' }, problemText(e)));
    }
  });
  commit.addEventListener('click', async () => {
    if (!checked) return;
    const [k, f] = checked;
    commit.disabled = true;
    try {
      let r = await importFile(k, f, false);
      checked = null;
      // A large file runs in the background (202): its progress until it ends.
      if (r.status === 'running') {
        const progress = h('progress', { id: 'import-progress', max: r.rows_total, value: 0, 'aria-label': t('import.progress.label') });
        const line = h('p', { id: 'import-running', role: 'status' });
        report.replaceChildren(line, progress);
        while (r.status === 'running') {
          line.textContent = t(`import.progress.${r.phase}`, { done: r.rows_done, total: r.rows_total });
          progress.value = r.rows_done;
          await new Promise((resolve) => { setTimeout(resolve, 1000); });
          r = await api('GET', `/v1/imports/${encodeURIComponent(r.id)}`);
        }
        if (r.status === 'failed') {
          report.replaceChildren(h('p', { class: 'error', role: 'alert' }, r.detail || t('import.fix', { n: r.rows_total - r.valid })),
            errorsTable(r.errors || []));
          return;
        }
        r = { rows: r.rows_total, created: r.created, updated: r.updated };
      }
      report.replaceChildren(h('p', { id: 'import-done', role: 'status' }, t('import.done', { rows: r.rows, created: r.created, updated: r.updated })));
    } catch (e) {
      const errors = e instanceof ApiError ? e.problem.errors || [] : [];
      report.replaceChildren(h('p', { class: 'error', role: 'alert' }, problemText(e)), errors.length ? errorsTable(errors) : '');
    }
  });
  return [h('h2', {}, t('import.title')), h('p', { class: 'hint' }, t('import.hint')), form, report];
}

// /console/exchange: the bureau, officers and auditors download the files (the session cookie
// goes with a plain link; nothing changes, so no CSRF token is needed); the bureau imports.
export function exchangeScreen(me) {
  if (!['bureau', 'officer', 'auditor'].includes(me.role)) {
    show(t('exchange.title'), h('p', { class: 'error' }, t('forbidden')));
    return;
  }
  show(t('exchange.title'),
    ...(me.role === 'bureau' ? importSection() : []),
    h('h2', {}, t('exchange.exports')),
    h('p', { class: 'hint' }, t('exchange.exports.hint')),
    h('ul', { id: 'exports' }, EXPORTS.map(([file, label]) =>
      h('li', {}, h('a', { href: `/v1/exports/${file}`, download: '', id: `export-${file.replace('.', '-')}` }, t(label))))),
    h('p', {}, link('/console/public', t('exchange.public.open'))));
}

function qualificationText(q, types) {
  return `${types[q.type] || q.type}${q.level ? ` ${q.level}` : ''}（${t('roster.until', { day: q.expires_on })}）`;
}

// One page of the approved list after `cursor`, appended to `body`; returns the next cursor.
async function appendListed(body, cursor) {
  const page = await api('GET', `/public/v1/approved-list?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  for (const v of page.items) {
    body.append(h('tr', {},
      h('td', { class: 'nowrap' }, v.name), h('td', { class: 'nowrap' }, v.credit_code), h('td', {}, t(`size.${v.enterprise_size}`)),
      h('td', {}, v.qualifications.map((q) => qualificationText(q, page.type_names)).join('；') || '—'),
      h('td', {}, v.categories.map((c) => page.category_names[c] || c).join('、') || '—')));
  }
  return { next: page.next_cursor, on: page.on, count: page.items.length };
}

// /console/public: what anyone may read, without signing in.
export async function publicScreen() {
  const listBody = h('tbody', {});
  const more = h('button', { type: 'button', class: 'secondary', id: 'public-more', hidden: true }, t('public.more'));
  const asOf = h('p', { id: 'public-as-of' });
  let cursor = null;
  const error = h('p', { class: 'error', id: 'public-error', role: 'alert' });
  const loadMore = async () => {
    try {
      const got = await appendListed(listBody, cursor);
      cursor = got.next;
      more.hidden = !cursor;
      asOf.textContent = t('public.as_of', { day: got.on });
      if (!listBody.children.length) listBody.append(h('tr', {}, h('td', { colspan: 5, class: 'empty' }, t('vendors.none'))));
    } catch (e) {
      error.textContent = problemText(e);
    }
  };
  more.addEventListener('click', loadMore);

  let sanctions = [];
  try {
    sanctions = (await api('GET', '/public/v1/sanctions')).items;
  } catch (e) {
    error.textContent = problemText(e);
  }
  const sanctionRows = sanctions.map((s) => h('tr', {},
    h('td', { class: 'nowrap' }, s.vendor_name), h('td', { class: 'nowrap' }, s.credit_code), h('td', {}, t(`sanction.${s.kind}`)),
    h('td', {}, s.reason), h('td', { class: 'nowrap' }, `${s.starts_on} — ${s.ends_on}`)));

  let tenders = [];
  try {
    tenders = (await api('GET', '/public/v1/tenders?limit=100')).items;
  } catch (e) {
    error.textContent = problemText(e);
  }
  const tenderRows = tenders.map((x) => h('tr', {},
    h('td', {}, x.title), h('td', { class: 'nowrap' }, formatMoney(x.budget)), h('td', {}, t(`tender.status.${x.status}`)),
    h('td', { class: 'nowrap' }, formatTime(x.bid_deadline)),
    h('td', {}, x.award
      ? t('public.award', { name: x.award.vendor_name, price: formatMoney(x.award.price), day: x.award.challenge_period_ends_on || '—' })
      : x.status === 'cancelled' ? t('public.cancelled', { reason: x.cancel_reason || '' }) : '—')));

  const results = h('div', { id: 'public-catalog-results' });
  const search = h('form', { class: 'inline', id: 'public-catalog-form', role: 'search' },
    h('label', {}, t('public.catalog.q'), h('input', { name: 'q', id: 'public-q', type: 'search' })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'domestic', id: 'public-domestic' }), t('public.catalog.domestic')),
    h('button', { type: 'submit' }, t('public.catalog.search')));
  search.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(search);
    const params = new URLSearchParams({ limit: '50' });
    if (String(d.get('q')).trim()) params.set('q', String(d.get('q')).trim());
    if (d.get('domestic') === 'on') params.set('domestic', 'true');
    try {
      const page = await api('GET', `/public/v1/catalog?${params}`);
      results.replaceChildren(dataTable('public-catalog', ['public.col.item', 'public.col.vendor', 'public.col.price', 'public.col.domestic'],
        page.items.map((it) => h('tr', {}, h('td', {}, it.name, h('br'), h('small', { class: 'hint' }, it.description)),
          h('td', {}, it.vendor_name), h('td', { class: 'nowrap' }, `${formatMoney(it.unit_price)}／${it.unit}`),
          h('td', {}, it.domestic ? t('public.domestic.yes') : '—'))), 'public.catalog.none'));
    } catch (e) {
      results.replaceChildren(h('p', { class: 'error', role: 'alert' }, problemText(e)));
    }
  });

  show(t('public.title'),
    h('p', { class: 'hint' }, t('public.intro')), error,
    h('h2', { id: 'public-list-heading' }, t('public.list')), asOf,
    h('table', { id: 'public-list' }, h('thead', {}, h('tr', {}, ['vendors.col.name', 'vendors.col.credit_code', 'vendors.col.size',
      'roster.col.quals', 'public.col.categories'].map((c) => h('th', { scope: 'col' }, t(c))))), listBody),
    h('p', {}, more),
    h('h2', {}, t('public.sanctions')),
    dataTable('public-sanctions', ['public.col.vendor', 'vendors.col.credit_code', 'public.col.kind', 'public.col.reason', 'public.col.period'],
      sanctionRows, 'public.sanctions.none'),
    h('h2', {}, t('public.tenders')),
    dataTable('public-tenders', ['public.col.tender', 'tender.budget', 'public.col.status', 'public.col.deadline', 'public.col.award'],
      tenderRows, 'public.tenders.none'),
    h('h2', {}, t('public.catalog')), search, results,
    h('p', {}, link('/console/', t('public.back'))));
  await loadMore();
  listBody.setAttribute('data-complete', 'true');
}
