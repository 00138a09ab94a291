// The procedure before the opening (issue 19; docs/rules.md "The procedure before the opening"):
// clarifications and vendors' questions on a tender's page, the vendor's bid sealed in the
// browser (commit-reveal) and its one-click reveal, the committee's draw, the expert's own list
// of tenders, and the bureau's expert profiles.
import { api, ApiError } from './api.js';
import { formatMoney, formatTime, t } from './i18n.js';
import { categoryNames, creditCodeProblem, go, h, link, problemText, say, show, yuan } from './ui.js';

// ---- bids sealed by the bidder

const hex = (bytes) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

// The commitment the server keeps instead of the price (CONTRACT.md): SHA-256 of
// "<tender id>|<vendor id>|<price>|<nonce>", computed here so no price leaves the browser.
export async function sealPrice(tenderId, vendorId, price) {
  if (!globalThis.crypto?.subtle) throw new Error(t('seal.no_crypto'));
  const nonce = hex(crypto.getRandomValues(new Uint8Array(32)));
  const text = new TextEncoder().encode(`${tenderId}|${vendorId}|${price}|${nonce}`);
  return { nonce, commitment: hex(await crypto.subtle.digest('SHA-256', text)) };
}

// The price and nonce are the bidder's to keep until the reveal: kept in this browser
// (localStorage) and offered as a file to download, since only they open the bid.
const sealKey = (tenderId, vendorId) => `registry.seal.${tenderId}.${vendorId}`;
export function keepSeal(tenderId, vendorId, seal) {
  localStorage.setItem(sealKey(tenderId, vendorId), JSON.stringify(seal));
}
export function keptSeal(tenderId, vendorId) {
  try { return JSON.parse(localStorage.getItem(sealKey(tenderId, vendorId)) || 'null'); } catch { return null; }
}

// The credential file: what the bidder needs to reveal, and what it is for.
function sealDownload(x, vendorId, seal) {
  const doc = { tender_id: x.id, tender_title: x.title, vendor_id: vendorId, price: seal.price, nonce: seal.nonce, commitment: seal.commitment,
    note: t('seal.file.note') };
  const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }));
  return h('a', { id: 'seal-download', href: url, download: `解密凭证-${x.id}.json` }, t('seal.download'));
}

// The vendor's part of a commit_reveal tender's page next to its bid: the reminder and the
// credential before the opening, the one-click reveal while the window is open.
export function sealSection(x, me, bid) {
  if (!bid || bid.sealing !== 'commit_reveal' || bid.status !== 'submitted') return [];
  const seal = keptSeal(x.id, me.vendor_id);
  const out = [h('h2', {}, t('seal.title'))];
  if (bid.revealed_at) {
    out.push(h('p', { class: 'ok', id: 'seal-revealed' }, t('seal.revealed', { price: formatMoney(bid.price), at: formatTime(bid.revealed_at) })));
    return out;
  }
  if (x.status === 'open') {
    out.push(h('p', { class: 'hint', id: 'seal-reminder' }, t('seal.reminder', { at: formatTime(x.bid_deadline) })));
    if (seal) out.push(h('p', {}, sealDownload(x, me.vendor_id, seal)));
    else out.push(h('p', { class: 'error', id: 'seal-missing' }, t('seal.missing')));
    return out;
  }
  const windowOpen = x.status === 'opened' && x.reveal_closes_at && Date.parse(x.reveal_closes_at) > Date.now();
  if (!windowOpen) {
    out.push(h('p', { class: 'error', id: 'seal-too-late' }, t('seal.closed')));
    return out;
  }
  const error = h('p', { class: 'error', id: 'reveal-error', role: 'alert' });
  const reveal = async (price, nonce) => {
    try {
      await api('POST', `/v1/tenders/${encodeURIComponent(x.id)}/bids/reveal`, { price, nonce });
      say(t('seal.revealed.done'));
      go(`/console/tenders/${encodeURIComponent(x.id)}`);
    } catch (e) {
      error.textContent = e instanceof ApiError && e.problem.errors?.[0]?.code === 'commitment_mismatch' ? t('seal.mismatch') : problemText(e);
    }
  };
  out.push(h('p', { class: 'hint' }, t('seal.window', { at: formatTime(x.reveal_closes_at) })));
  if (seal) {
    out.push(h('button', { id: 'reveal-bid', onclick: () => reveal(seal.price, seal.nonce) }, t('seal.reveal', { price: formatMoney(seal.price) })));
  } else {
    // Another browser: the downloaded credential file opens the bid.
    const file = h('input', { type: 'file', id: 'seal-file', accept: 'application/json,.json', 'aria-label': t('seal.file') });
    file.addEventListener('change', async () => {
      try {
        const doc = JSON.parse(await file.files[0].text());
        await reveal(String(doc.price), String(doc.nonce));
      } catch (e) {
        if (!error.textContent) error.textContent = t('seal.file.bad');
      }
    });
    out.push(h('label', {}, t('seal.file'), file));
  }
  out.push(error);
  return out;
}

// ---- clarifications and questions

function changesText(c) {
  const parts = [];
  if (c.bid_deadline) parts.push(t('clar.change.deadline', { at: formatTime(c.bid_deadline) }));
  if (c.opening_at) parts.push(t('clar.change.opening', { at: formatTime(c.opening_at) }));
  if (c.budget) parts.push(t('clar.change.budget', { amount: formatMoney(c.budget) }));
  if (c.requirements) parts.push(t('clar.change.requirements', { n: c.requirements.length }));
  return parts.join(t('error.separator'));
}

// A tender's clarifications as every reader sees them; the officer's form (open tenders) and
// the questions; the vendor's question form and its own questions.
export async function clarificationSection(me, x, isOwnOfficer) {
  const tid = encodeURIComponent(x.id);
  const [published, questions] = await Promise.all([api('GET', `/v1/tenders/${tid}/clarifications`),
    (me.role === 'vendor' || isOwnOfficer || me.role === 'bureau' || me.role === 'auditor') ? api('GET', `/v1/tenders/${tid}/questions`) : { items: [] }]);
  const out = [h('h2', {}, t('clar.title'))];
  out.push(published.items.length
    ? h('ol', { id: 'clarification-list', class: 'stack' }, published.items.map((c) => h('li', { 'data-id': c.id },
        h('p', { class: 'hint' }, formatTime(c.created_at), '　', c.created_by_name || ''),
        c.question_text ? h('blockquote', {}, t('clar.question', { text: c.question_text })) : null,
        h('p', {}, c.text),
        Object.keys(c.changes).length ? h('p', {}, t('clar.changes', { what: changesText(c.changes) })) : null,
        c.deadline_extended ? h('p', { class: 'error' }, t('clar.extended', { at: formatTime(c.bid_deadline) })) : null)))
    : h('p', { class: 'empty', id: 'clarification-none' }, t('clar.none')));
  const open = x.status === 'open' && Date.parse(x.bid_deadline) > Date.now();
  if (questions.items.length) {
    out.push(h('h3', {}, me.role === 'vendor' ? t('ques.own') : t('ques.all')),
      h('ul', { id: 'question-list' }, questions.items.map((q) => h('li', { 'data-id': q.id },
        q.text, '　', h('span', { class: 'hint' }, [me.role === 'vendor' ? '' : q.vendor_name, formatTime(q.asked_at),
          q.answered_by.length ? t('ques.answered') : t('ques.open')].filter(Boolean).join('，'))))));
  }
  if (me.role === 'vendor' && open) {
    const text = h('textarea', { id: 'question-text', name: 'text', rows: 3, required: true });
    const error = h('p', { class: 'error', id: 'question-error', role: 'alert' });
    const form = h('form', { class: 'stack', id: 'question-form', novalidate: true },
      h('label', {}, t('ques.ask'), text), h('p', { class: 'hint' }, t('ques.hint')), error, h('button', { type: 'submit' }, t('ques.submit')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!text.value.trim()) { error.textContent = t('ques.required'); text.focus(); return; }
      try {
        await api('POST', `/v1/tenders/${tid}/questions`, { text: text.value.trim() });
        say(t('ques.done'));
        go(`/console/tenders/${tid}`);
      } catch (e) {
        error.textContent = problemText(e);
      }
    });
    out.push(form);
  }
  if (isOwnOfficer && open) out.push(clarificationForm(x, questions.items));
  return out;
}

function clarificationForm(x, questions) {
  const tid = encodeURIComponent(x.id);
  const text = h('textarea', { id: 'clar-text', name: 'text', rows: 4, required: true });
  const question = h('select', { id: 'clar-question', name: 'question_id' }, h('option', { value: '' }, t('clar.no_question')),
    questions.map((q) => h('option', { value: q.id }, q.text.length > 40 ? `${q.text.slice(0, 40)}…` : q.text)));
  const deadline = h('input', { id: 'clar-deadline', name: 'bid_deadline', type: 'datetime-local' });
  const budget = h('input', { id: 'clar-budget', name: 'budget', inputmode: 'decimal', placeholder: x.budget });
  const error = h('p', { class: 'error', id: 'clar-error', role: 'alert' });
  const form = h('form', { class: 'stack', id: 'clar-form', novalidate: true },
    h('label', {}, t('clar.text'), text), h('label', {}, t('clar.answers'), question),
    h('fieldset', {}, h('legend', {}, t('clar.changes.legend')),
      h('label', {}, t('clar.deadline'), deadline), h('label', {}, t('clar.budget'), budget)),
    h('p', { class: 'hint', id: 'clar-hint' }, t('clar.notice', { days: x.policies.amendment_notice_days })),
    error, h('button', { type: 'submit' }, t('clar.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!text.value.trim()) { error.textContent = t('clar.required'); text.focus(); return; }
    const body = { text: text.value.trim() };
    if (question.value) body.question_id = question.value;
    const changes = {};
    if (deadline.value) changes.bid_deadline = new Date(`${deadline.value}:00+08:00`).toISOString().replace('.000Z', 'Z');
    if (budget.value.trim()) {
      const amount = yuan(budget.value);
      if (amount === null) { error.textContent = t('money.bad'); budget.focus(); return; }
      changes.budget = amount;
    }
    if (Object.keys(changes).length) body.changes = changes;
    try {
      const made = await api('POST', `/v1/tenders/${tid}/clarifications`, body);
      say(made.deadline_extended ? t('clar.done.extended', { at: formatTime(made.bid_deadline) }) : t('clar.done'));
      go(`/console/tenders/${tid}`);
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  return h('section', {}, h('h3', {}, t('clar.new')), form);
}

// ---- the committee

// On an opened (or later) tender: the drawn committee, or the officer's draw button; the owner
// of a commit_reveal tender also closes its reveal window early.
// `member`: for an expert, whether it sits on this tender's committee (only members read it).
export async function committeeSection(me, x, isOwnOfficer, member) {
  const tid = encodeURIComponent(x.id);
  const out = [];
  if (!['opened', 'evaluated', 'failed', 'awarded', 'contracted'].includes(x.status) || me.role === 'vendor') return out;
  if (me.role === 'expert' && !member) return out;
  if (x.policies.sealing === 'commit_reveal' && x.status === 'opened' && me.role === 'officer' && x.owner_id === me.id &&
      x.reveal_closes_at && Date.parse(x.reveal_closes_at) > Date.now()) {
    out.push(h('h2', {}, t('seal.officer.title')), h('p', { class: 'hint' }, t('seal.officer.hint', { at: formatTime(x.reveal_closes_at) })),
      h('button', { id: 'close-reveal', onclick: async () => {
        try {
          await api('POST', `/v1/tenders/${tid}/close-reveal`);
          say(t('seal.officer.done'));
          go(`/console/tenders/${tid}`);
        } catch (e) { say(problemText(e)); }
      } }, t('seal.officer.close')));
  }
  out.push(h('h2', {}, t('committee.title')));
  if (x.committee_drawn) {
    const committee = await api('GET', `/v1/tenders/${tid}/committee`);
    out.push(h('ol', { id: 'committee-members' }, committee.members.map((m) => h('li', {}, m.expert_name || m.expert_id))),
      h('p', { class: 'hint', id: 'committee-seed' }, t('committee.drawn', { at: formatTime(committee.drawn_at), n: committee.candidates, seed: committee.seed })));
    return out;
  }
  out.push(h('p', { class: 'empty', id: 'committee-none' }, t('committee.none')));
  if (isOwnOfficer && x.status === 'opened') {
    const error = h('p', { class: 'error', id: 'committee-error', role: 'alert' });
    out.push(h('p', { class: 'hint' }, t('committee.hint', { n: x.policies.committee_size })),
      h('button', { id: 'draw-committee', onclick: async () => {
        try {
          await api('POST', `/v1/tenders/${tid}/committee`, {});
          say(t('committee.done'));
          go(`/console/tenders/${tid}`);
        } catch (e) {
          error.textContent = e instanceof ApiError && e.status === 409 ? t('committee.too_few', { detail: e.message }) : problemText(e);
        }
      } }, t('committee.draw')), error);
  }
  return out;
}

// ---- the expert's tenders, and the bureau's expert profiles

export async function expertTendersScreen(me) {
  const [profile, categories] = await Promise.all([api('GET', `/v1/experts/${encodeURIComponent(me.id)}`), categoryNames()]);
  const rows = profile.committees.map((c) => h('tr', { 'data-id': c.tender_id },
    h('td', {}, link(`/console/tenders/${encodeURIComponent(c.tender_id)}`, c.title)), h('td', {}, categories.get(c.category) || c.category),
    h('td', {}, t(`tender.status.${c.status}`)), h('td', { class: 'nowrap' }, formatTime(c.bid_deadline))));
  show(t('score.list'), h('p', { class: 'hint' }, t('expert.why')),
    rows.length
      ? h('table', { id: 'expert-tenders' }, h('thead', {}, h('tr', {}, ['title', 'category', 'status', 'deadline'].map((c) => h('th', { scope: 'col' }, t(`tenders.col.${c}`))))),
        h('tbody', {}, rows))
      : h('p', { class: 'empty', id: 'expert-tenders-none' }, t('expert.none')));
}

export async function expertProfileScreen(me, id) {
  if (me.role !== 'bureau') { show(t('expert.profile'), h('p', { class: 'error' }, t('forbidden'))); return; }
  const [profile, categories] = await Promise.all([api('GET', `/v1/experts/${encodeURIComponent(id)}`), categoryNames()]);
  const error = h('p', { class: 'error', id: 'expert-error', role: 'alert' });
  const units = h('textarea', { id: 'expert-affiliations', name: 'affiliations', rows: 4, 'aria-describedby': 'expert-affiliations-hint' },
    profile.affiliations.join('\n'));
  const form = h('form', { class: 'stack', id: 'expert-form', novalidate: true },
    h('fieldset', {}, h('legend', {}, t('expert.specialties')), [...categories].map(([code, name]) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'specialties', value: code, checked: profile.specialties.includes(code) }), name))),
    h('label', {}, t('expert.affiliations'), units),
    h('p', { class: 'hint', id: 'expert-affiliations-hint' }, t('expert.affiliations.hint')),
    error, h('button', { type: 'submit' }, t('expert.save')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { specialties: new FormData(form).getAll('specialties'),
      affiliations: units.value.split(/[\s,，]+/).map((s) => s.trim().toUpperCase()).filter(Boolean) };
    // Each code checked here as on registration (the server checks again): nothing is sent wrong.
    const wrong = body.affiliations.map((c) => [c, creditCodeProblem(c)]).find(([, p]) => p);
    if (wrong) { error.textContent = `${wrong[0]}：${t(wrong[1])}`; units.focus(); return; }
    try {
      await api('PUT', `/v1/experts/${encodeURIComponent(id)}`, body, { 'If-Match': `"${profile.version}"` });
      say(t('expert.saved', { name: profile.name }));
      go('/console/accounts');
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  show(t('expert.profile.of', { name: profile.name }), h('p', { class: 'hint' }, t('expert.profile.why')), form,
    h('h2', {}, t('expert.committees')),
    profile.committees.length ? h('ul', {}, profile.committees.map((c) => h('li', {}, c.title))) : h('p', { class: 'empty' }, t('expert.none')));
}
