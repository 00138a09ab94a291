// After the award (issue 20; docs/rules.md "After the award"): the award notice's periods on a
// tender's page, the bidder's challenge (质疑) and complaint (投诉), the officer's answer and the
// contract, the reports set aside by an upheld finding, the bureau's complaint desk and
// working-day calendar, and what is due on each home page.
import { api } from './api.js';
import { formatMoney, formatTime, t } from './i18n.js';
import { beijingDate, go, h, link, problemText, say, show, yuan } from './ui.js';

const enc = encodeURIComponent;
const RULINGS = ['upheld', 'dismissed'];
const REMEDIES = ['', 're_evaluate', 'cancel'];

// The instant a period whose last day is `ymd` (Beijing) is over: the next Beijing midnight.
export function endOfDay(ymd) { return Date.parse(`${ymd}T00:00:00+08:00`) + 86400000; }

// A form posting {decision, <textKey>, remedy?} to `path`: a challenge's answer or a complaint's
// decision. The remedy is offered only with upheld.
function rulingForm(id, path, textKey, label) {
  const decision = h('select', { name: 'decision', id: `${id}-decision` }, RULINGS.map((r) => h('option', { value: r }, t(`ruling.${r}`))));
  const remedy = h('select', { name: 'remedy', id: `${id}-remedy` }, REMEDIES.map((r) => h('option', { value: r }, t(`remedy.${r || 'none'}`))));
  const text = h('textarea', { name: textKey, id: `${id}-text`, rows: 3, required: true });
  const error = h('p', { class: 'error', id: `${id}-error`, role: 'alert' });
  const form = h('form', { class: 'stack', id, novalidate: true },
    h('label', {}, t('ruling.decision'), decision), h('label', {}, label, text),
    h('label', {}, t('ruling.remedy'), remedy), h('p', { class: 'hint' }, t('ruling.remedy.hint')),
    error, h('button', { type: 'submit' }, t('ruling.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!text.value.trim()) { error.textContent = t('ruling.text.required'); text.focus(); return; }
    if (remedy.value && decision.value !== 'upheld') { error.textContent = t('ruling.remedy.upheld_only'); remedy.focus(); return; }
    const body = { decision: decision.value, [textKey]: text.value.trim() };
    if (remedy.value) body.remedy = remedy.value;
    try {
      await api('POST', path, body);
      say(t('ruling.done'));
      go(location.pathname);
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  return form;
}

// One text field posted as {<key>}: the vendor's challenge and complaint.
function textForm(id, path, key, label, button, extra = null) {
  const text = h('textarea', { name: key, id: `${id}-text`, rows: 4, required: true });
  const error = h('p', { class: 'error', id: `${id}-error`, role: 'alert' });
  const evidence = extra ? h('textarea', { name: 'evidence', id: `${id}-evidence`, rows: 2 }) : null;
  const form = h('form', { class: 'stack', id, novalidate: true }, h('label', {}, label, text),
    evidence && h('label', {}, extra, evidence), error, h('button', { type: 'submit' }, button));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!text.value.trim()) { error.textContent = t('ruling.text.required'); text.focus(); return; }
    const body = { [key]: text.value.trim() };
    if (evidence && evidence.value.trim()) body.evidence = evidence.value.trim();
    try {
      await api('POST', path, body);
      say(t('challenge.sent'));
      go(location.pathname);
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  return form;
}

// The tender page's part after the award: the notice's periods, the challenges (with the
// officer's answer form and the challenger's complaint form), the challenge form for a bidder
// while the period runs, the contract, and the reports set aside.
export async function afterAwardSection(me, x, ownOfficer) {
  const out = [];
  const tid = enc(x.id);
  let list = [];
  if (me.role !== 'expert' && ['awarded', 'contracted', 'opened', 'evaluated', 'cancelled', 'failed'].includes(x.status)) {
    try { list = (await api('GET', `/v1/tenders/${tid}/challenges`)).items; } catch { list = []; }
  }
  if (x.award_notice) {
    const open = Date.now() < endOfDay(x.award_notice.challenge_period_ends_on);
    out.push(h('h2', {}, t('award.notice.title')), h('dl', { class: 'facts', id: 'award-notice' },
      h('dt', {}, t('award.notice.published')), h('dd', {}, formatTime(x.award_notice.published_at)),
      h('dt', {}, t('award.notice.ends')), h('dd', { id: 'challenge-period-ends' }, x.award_notice.challenge_period_ends_on
        + (open ? `（${t('award.notice.running')}）` : `（${t('award.notice.over')}）`)),
      x.contract_due_on && h('dt', {}, t('award.notice.contract_due')), x.contract_due_on && h('dd', { id: 'contract-due' }, x.contract_due_on)),
      h('p', {}, link(`/console/tenders/${tid}/notice`, t('notice.open'))));
    // One challenge per bidder and notice (the law asks for every ground at once).
    const challenged = list.some((c) => c.vendor_id === me.vendor_id && c.notice_published_at === x.award_notice.published_at);
    if (me.role === 'vendor' && x.status === 'awarded' && open && !challenged) {
      out.push(h('h3', {}, t('challenge.new')), h('p', { class: 'hint' }, t('challenge.why', { date: x.award_notice.challenge_period_ends_on })),
        textForm('challenge-form', `/v1/tenders/${tid}/challenges`, 'grounds', t('challenge.grounds'), t('challenge.submit'), t('challenge.evidence')));
    }
  }
  if (list.length) out.push(h('h2', {}, t('challenge.list')), challengeTable(me, list, ownOfficer || me.role === 'officer'));
  if (x.contract) {
    out.push(h('h2', {}, t('contract.title')), h('dl', { class: 'facts', id: 'contract-facts' },
      h('dt', {}, t('contract.signed_on')), h('dd', {}, x.contract.signed_on + (x.contract.late ? `（${t('contract.late')}）` : '')),
      h('dt', {}, t('contract.amount')), h('dd', {}, formatMoney(x.contract.amount)),
      h('dt', {}, t('contract.recorded')), h('dd', {}, formatTime(x.contract.recorded_at))));
  } else if (me.role === 'officer' && x.status === 'awarded' && x.award_notice) {
    out.push(h('h2', {}, t('contract.title')), contractForm(x));
  }
  if (['officer', 'auditor'].includes(me.role) && x.status !== 'draft' && x.status !== 'open') {
    let rounds = [];
    try { rounds = (await api('GET', `/v1/tenders/${tid}/evaluations`)).items; } catch { rounds = []; }
    const aside = rounds.filter((r) => !r.current);
    if (aside.length) {
      out.push(h('h2', {}, t('rounds.title')), h('table', { id: 'evaluation-rounds' },
        h('thead', {}, h('tr', {}, ['round', 'created', 'aside', 'by', 'winner'].map((c) => h('th', { scope: 'col' }, t(`rounds.col.${c}`))))),
        h('tbody', {}, rounds.map((r) => h('tr', { 'data-round': r.round }, h('td', {}, String(r.round)), h('td', {}, formatTime(r.created_at)),
          h('td', {}, r.current ? t('rounds.current') : formatTime(r.set_aside_at)), h('td', {}, r.set_aside_by || '—'),
          h('td', {}, r.report?.winner || '—'))))));
    }
  }
  return out;
}

function challengeTable(me, list, officer) {
  const rows = [];
  for (const c of list) {
    rows.push(h('tr', { 'data-id': c.id }, h('td', {}, c.vendor_name || c.vendor_id), h('td', { class: 'prose' }, c.grounds),
      h('td', {}, t(`ruling.${c.status}`) + (c.remedy ? `（${t(`remedy.${c.remedy}`)}）` : '')),
      h('td', { class: 'nowrap' }, c.answer_due_on), h('td', { class: 'prose' }, c.answer || '—'),
      h('td', {}, c.complaint_id ? t('complaint.made') : '—')));
    if (officer && c.status === 'submitted') {
      rows.push(h('tr', {}, h('td', { colspan: 6 }, h('details', { open: true }, h('summary', {}, t('challenge.answer.title')),
        rulingForm(`answer-${c.id}`, `/v1/challenges/${enc(c.id)}/answer`, 'answer', t('challenge.answer'))))));
    }
    // The challenger complains once answered, or once the answer's due day is over unanswered.
    const complainable = c.status !== 'submitted' || Date.now() >= endOfDay(c.answer_due_on);
    if (me.role === 'vendor' && c.vendor_id === me.vendor_id && !c.complaint_id && complainable) {
      rows.push(h('tr', {}, h('td', { colspan: 6 }, h('details', {}, h('summary', {}, t('complaint.new')),
        h('p', { class: 'hint' }, t('complaint.why')),
        textForm(`complaint-${c.id}`, `/v1/challenges/${enc(c.id)}/complaint`, 'grounds', t('complaint.grounds'), t('complaint.submit'))))));
    }
  }
  return h('table', { id: 'challenges' },
    h('thead', {}, h('tr', {}, ['vendor', 'grounds', 'status', 'due', 'answer', 'complaint'].map((c) => h('th', { scope: 'col' }, t(`challenge.col.${c}`))))),
    h('tbody', {}, rows));
}

function contractForm(x) {
  const signed = h('input', { type: 'date', name: 'signed_on', id: 'contract-signed-on', required: true, max: beijingDate() });
  const amount = h('input', { name: 'amount', id: 'contract-amount', inputmode: 'decimal', required: true });
  const error = h('p', { class: 'error', id: 'contract-error', role: 'alert' });
  const form = h('form', { class: 'stack', id: 'contract-form', novalidate: true },
    h('p', { class: 'hint' }, t('contract.why', { date: x.award_notice.challenge_period_ends_on })),
    h('label', {}, t('contract.signed_on'), signed), h('label', {}, t('contract.amount'), amount),
    error, h('button', { type: 'submit' }, t('contract.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const money = yuan(amount.value);
    if (!signed.value) { error.textContent = t('contract.signed_on.required'); signed.focus(); return; }
    if (!money) { error.textContent = t('contract.amount.invalid'); amount.focus(); return; }
    try {
      await api('POST', `/v1/tenders/${enc(x.id)}/contract`, { signed_on: signed.value, amount: money });
      say(t('contract.done'));
      go(location.pathname);
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  return form;
}

// ---- the bureau's complaint desk (auditors read it; a vendor its own)

export async function complaintsScreen(me) {
  if (!['bureau', 'auditor', 'vendor'].includes(me.role)) { show(t('complaints.title'), h('p', { class: 'error' }, t('forbidden'))); return; }
  const status = new URLSearchParams(location.search).get('status') || '';
  const filter = h('select', { id: 'complaints-status', 'aria-label': t('complaints.filter') },
    ['', 'submitted', 'upheld', 'dismissed'].map((s) => h('option', { value: s, selected: s === status }, s ? t(`ruling.${s}`) : t('complaints.all'))));
  filter.addEventListener('change', () => go(`/console/complaints${filter.value ? `?status=${filter.value}` : ''}`));
  const page = await api('GET', `/v1/complaints?limit=200${status ? `&status=${status}` : ''}`);
  const rows = [];
  for (const c of page.items) {
    const overdue = c.status === 'submitted' && Date.now() >= endOfDay(c.decision_due_on);
    rows.push(h('tr', { 'data-id': c.id }, h('td', {}, link(`/console/tenders/${enc(c.tender_id)}`, c.tender_title || c.tender_id)),
      h('td', {}, c.vendor_name || c.vendor_id), h('td', { class: 'prose' }, c.grounds),
      h('td', {}, t(`ruling.${c.status}`) + (c.remedy ? `（${t(`remedy.${c.remedy}`)}）` : '')),
      h('td', { class: overdue ? 'nowrap error' : 'nowrap' }, c.decision_due_on + (overdue ? `（${t('due.overdue')}）` : '')),
      h('td', { class: 'prose' }, c.reason || '—')));
    if (me.role === 'bureau' && c.status === 'submitted') {
      rows.push(h('tr', {}, h('td', { colspan: 6 }, h('details', { open: true }, h('summary', {}, t('complaint.decide')),
        rulingForm(`decide-${c.id}`, `/v1/complaints/${enc(c.id)}/decision`, 'reason', t('complaint.reason'))))));
    }
  }
  show(t('complaints.title'), h('p', { class: 'hint' }, t('complaints.why')), h('div', { class: 'filters' }, filter),
    rows.length
      ? h('table', { id: 'complaints' }, h('thead', {}, h('tr', {}, ['tender', 'vendor', 'grounds', 'status', 'due', 'reason'].map((c) => h('th', { scope: 'col' }, t(`complaints.col.${c}`))))),
        h('tbody', {}, rows))
      : h('p', { class: 'empty', id: 'complaints-none' }, t('complaints.none')));
}

// ---- the working-day calendar (the bureau edits; everyone reads)

const DAY = /^\d{4}-\d{2}-\d{2}$/;

// The first problem of a calendar as typed, named by its day, or '' (the same rules as the
// server's: a real date of the year, once, a holiday on a weekday, a worked day on a weekend).
export function calendarProblem(year, body) {
  const seen = new Set();
  for (const [list, weekend] of [[body.holidays, false], [body.workdays, true]]) {
    for (const day of list) {
      const at = Date.parse(`${day}T00:00:00Z`);
      if (!DAY.test(day) || Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== day) return t('calendar.bad_day', { day });
      if (Number(day.slice(0, 4)) !== year) return t('calendar.other_year', { day, year });
      if (seen.has(day)) return t('calendar.twice', { day });
      seen.add(day);
      const dow = new Date(at).getUTCDay();
      if ((dow === 0 || dow === 6) !== weekend) return t(weekend ? 'calendar.not_weekend' : 'calendar.weekend', { day });
    }
  }
  return '';
}

export async function calendarScreen(me, year) {
  const y = Number(year);
  const cal = await api('GET', `/v1/calendar/${enc(year)}`);
  const nav = h('p', {}, link(`/console/calendar/${y - 1}`, `← ${y - 1}`), '　', link(`/console/calendar/${y + 1}`, `${y + 1} →`));
  const days = (list) => list.join('\n');
  if (me.role !== 'bureau') {
    show(t('calendar.title', { year: y }), nav, h('p', { class: 'hint' }, t('calendar.why')),
      h('dl', { class: 'facts', id: 'calendar-facts' }, h('dt', {}, t('calendar.holidays')), h('dd', {}, cal.holidays.join('、') || '—'),
        h('dt', {}, t('calendar.workdays')), h('dd', {}, cal.workdays.join('、') || '—')));
    return;
  }
  const holidays = h('textarea', { id: 'calendar-holidays', name: 'holidays', rows: 8, 'aria-describedby': 'calendar-hint' }, days(cal.holidays));
  const workdays = h('textarea', { id: 'calendar-workdays', name: 'workdays', rows: 4, 'aria-describedby': 'calendar-hint' }, days(cal.workdays));
  const error = h('p', { class: 'error', id: 'calendar-error', role: 'alert' });
  const form = h('form', { class: 'stack', id: 'calendar-form', novalidate: true },
    h('label', {}, t('calendar.holidays'), holidays), h('label', {}, t('calendar.workdays'), workdays),
    h('p', { class: 'hint', id: 'calendar-hint' }, t('calendar.hint')), error, h('button', { type: 'submit' }, t('calendar.save')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const split = (el) => el.value.split(/[\s,，、]+/).map((s) => s.trim()).filter(Boolean);
    const body = { holidays: split(holidays), workdays: split(workdays) };
    // The server's checks (common CheckYearCalendar), here first so that nothing wrong is sent.
    const problem = calendarProblem(y, body);
    if (problem) { error.textContent = problem; return; }
    try {
      await api('PUT', `/v1/calendar/${y}`, body, { 'If-Match': `"${cal.version}"` });
      say(t('calendar.saved', { year: y }));
      go(`/console/calendar/${y}`);
    } catch (e) {
      // Each wrong day named as the server found it (holidays[2] → the day typed there).
      const named = (e.problem?.errors || []).map((x) => {
        const m = /^(holidays|workdays)\[(\d+)\]$/.exec(x.field || '');
        return m ? `${body[m[1]][Number(m[2])]}：${x.message}` : x.message;
      });
      error.textContent = named.length ? named.join('；') : problemText(e);
    }
  });
  show(t('calendar.title', { year: y }), nav, h('p', { class: 'hint' }, t('calendar.why')),
    cal.version === 0 ? h('p', { class: 'hint', id: 'calendar-none' }, t('calendar.none')) : null, form);
}

// ---- what is due, on the home page

export async function deadlinesSection(me) {
  if (!['officer', 'bureau', 'auditor', 'vendor'].includes(me.role)) return [];
  let items = [];
  try { items = (await api('GET', '/v1/deadlines')).items; } catch { return []; }
  const out = [h('h2', {}, t('due.title'))];
  if (!items.length) { out.push(h('p', { class: 'empty', id: 'deadlines-none' }, t('due.none'))); return out; }
  out.push(h('table', { id: 'deadlines' },
    h('thead', {}, h('tr', {}, ['due', 'kind', 'tender'].map((c) => h('th', { scope: 'col' }, t(`due.col.${c}`))))),
    h('tbody', {}, items.map((d) => h('tr', { 'data-kind': d.kind, class: d.overdue ? 'overdue' : undefined },
      h('td', { class: 'nowrap' }, (d.kind === 'reveal_window' ? formatTime(d.due_at) : d.due_on) + (d.overdue ? `（${t('due.overdue')}）` : '')),
      h('td', {}, t(`due.kind.${d.kind}`)),
      h('td', {}, link(d.kind === 'complaint_decision' && me.role === 'bureau' ? '/console/complaints?status=submitted' : `/console/tenders/${enc(d.tender_id)}`,
        d.tender_title)))))));
  return out;
}
