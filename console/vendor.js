// The vendor's screens: registration (anyone), its profile, applications with evidence files,
// catalog items, and the tenders it may bid in with its bid and, after the award, its result.
// Each screen takes the signed-in account `me` (null only for registration).
import { api, ApiError, upload } from './api.js';
import { formatMoney, formatTime, t } from './i18n.js';
import { categoryNames, creditCodeProblem, dataTable, go, h, link, problemText, say, secretBox, show, typeNames, yuan } from './ui.js';
import { keepSeal, keptSeal, sealPrice, sealSection } from './procedure.js';

const SIZES = ['micro', 'small', 'medium', 'large'];

export function registerScreen() {
  const error = h('p', { class: 'error', id: 'register-error', role: 'alert' });
  const creditHint = h('p', { class: 'hint', id: 'register-credit-hint', 'aria-live': 'polite' }, t('register.credit.hint'));
  const credit = h('input', { name: 'credit_code', id: 'register-credit', required: true, maxlength: 18, autocomplete: 'off',
                              'aria-describedby': 'register-credit-hint', spellcheck: 'false' });
  credit.addEventListener('input', () => {
    credit.value = credit.value.toUpperCase();
    const problem = credit.value ? creditCodeProblem(credit.value) : '';
    creditHint.textContent = t(problem || (credit.value ? 'register.credit.ok' : 'register.credit.hint'));
    creditHint.className = problem ? 'error' : credit.value ? 'ok' : 'hint';
    credit.setAttribute('aria-invalid', problem ? 'true' : 'false');
  });
  const form = h('form', { class: 'stack', id: 'register-form', novalidate: true },
    h('label', {}, t('register.name'), h('input', { name: 'name', id: 'register-name', required: true, autocomplete: 'organization' })),
    h('label', {}, t('register.credit'), credit), creditHint,
    h('label', {}, t('register.size'), h('select', { name: 'enterprise_size', id: 'register-size' },
      SIZES.map((s) => h('option', { value: s, selected: s === 'small' }, t(`size.${s}`))))),
    h('label', {}, t('register.contact'), h('input', { name: 'contact_name', id: 'register-contact', autocomplete: 'name' })),
    h('label', {}, t('register.phone'), h('input', { name: 'contact_phone', id: 'register-phone', type: 'tel', autocomplete: 'tel' })),
    h('label', {}, t('register.email'), h('input', { name: 'contact_email', id: 'register-email', type: 'email', autocomplete: 'email' })),
    h('label', {}, t('register.login'), h('input', { name: 'login', id: 'register-login', required: true, autocomplete: 'username', 'aria-describedby': 'register-login-hint' })),
    h('p', { class: 'hint', id: 'register-login-hint' }, t('accounts.login.hint')),
    h('label', {}, t('register.password'), h('input', { name: 'password', id: 'register-password', type: 'password', required: true, minlength: 12,
                                                          autocomplete: 'new-password', 'aria-describedby': 'register-password-hint' })),
    h('p', { class: 'hint', id: 'register-password-hint' }, t('password.new.hint')),
    h('label', {}, t('password.repeat'), h('input', { name: 'repeat', id: 'register-repeat', type: 'password', required: true, autocomplete: 'new-password' })),
    error,
    h('button', { type: 'submit' }, t('register.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    const problem = creditCodeProblem(String(d.get('credit_code')));
    if (problem) { error.textContent = t(problem); credit.focus(); return; }
    if (d.get('password') !== d.get('repeat')) { error.textContent = t('password.mismatch'); return; }
    const contact = {};
    for (const k of ['name', 'phone', 'email']) if (String(d.get(`contact_${k}`)).trim()) contact[k] = String(d.get(`contact_${k}`)).trim();
    const body = { name: d.get('name'), credit_code: d.get('credit_code'), enterprise_size: d.get('enterprise_size'),
                   login: d.get('login'), password: d.get('password') };
    if (Object.keys(contact).length) body.contact = contact;
    try {
      const made = await api('POST', '/v1/vendors', body);
      show(t('register.done.title'),
        h('p', { id: 'register-done' }, t('register.done', { name: made.vendor.name, login: body.login })),
        secretBox('register-token', t('register.token'), made.token),
        h('p', {}, link('/console/', t('register.signin'))));
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 409 ? t('register.taken') : problemText(e);
    }
  });
  show(t('register.title'), h('p', { class: 'hint' }, t('register.why')), form,
       h('p', {}, link('/console/', t('register.back'))));
}

// ---- the vendor's own contact details (the vendor and the bureau may change them)

export function contactForm(v, onSaved) {
  const error = h('p', { class: 'error', id: 'contact-error', role: 'alert' });
  const field = (k, type) => h('label', {}, t(`contact.${k}`),
    h('input', { name: k, id: `contact-${k}`, type: type || 'text', value: v.contact?.[k] || '' }));
  const form = h('form', { class: 'stack', id: 'contact-form', novalidate: true },
    field('name'), field('phone', 'tel'), field('email', 'email'), field('address'), error,
    h('button', { type: 'submit' }, t('contact.save')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    const contact = Object.fromEntries(['name', 'phone', 'email', 'address'].map((k) => [k, String(d.get(k)).trim()]));
    try {
      await api('PATCH', `/v1/vendors/${encodeURIComponent(v.id)}`, { contact }, { 'If-Match': `"${v.version}"` });
      say(t('contact.saved'));
      onSaved();
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 412 ? t('contact.stale') : problemText(e);
    }
  });
  return form;
}

// ---- applications: a qualification with its evidence files, or the listing

export async function applicationsScreen(me) {
  if (me.role !== 'vendor' || !me.vendor_id) { show(t('apps.title'), h('p', { class: 'error' }, t('forbidden'))); return; }
  let apps, typeDoc;
  try {
    [apps, typeDoc] = await Promise.all([api('GET', '/v1/applications?limit=200'), api('GET', '/v1/qualification-types')]);
  } catch (e) {
    show(t('apps.title'), h('p', { class: 'error' }, problemText(e)));
    return;
  }
  const types = await typeNames();
  const vendorTypes = typeDoc.items.filter((x) => x.holder === 'vendor');
  const error = h('p', { class: 'error', id: 'apply-error', role: 'alert' });
  const level = h('select', { name: 'level', id: 'apply-level' });
  const type = h('select', { name: 'type', id: 'apply-type' }, vendorTypes.map((x) => h('option', { value: x.code }, x.name)));
  const fillLevels = () => {
    const chosen = vendorTypes.find((x) => x.code === type.value);
    level.replaceChildren(...(chosen?.levels || []).map((l) => h('option', { value: l }, l)));
  };
  type.addEventListener('change', fillLevels);
  fillLevels();
  const files = h('input', { name: 'evidence', id: 'apply-files', type: 'file', multiple: true, accept: 'application/pdf,image/jpeg,image/png',
                             'aria-describedby': 'apply-files-hint' });
  const form = h('form', { class: 'stack', id: 'apply-form', novalidate: true },
    h('label', {}, t('apps.type'), type),
    h('label', {}, t('apps.level'), level),
    h('label', {}, t('apps.certificate'), h('input', { name: 'certificate_no', id: 'apply-cert', required: true })),
    h('label', {}, t('apps.issuer'), h('input', { name: 'issuer', id: 'apply-issuer', required: true })),
    h('label', {}, t('apps.issued'), h('input', { name: 'issued_on', id: 'apply-issued', type: 'date', required: true })),
    h('label', {}, t('apps.expires'), h('input', { name: 'expires_on', id: 'apply-expires', type: 'date', required: true })),
    h('label', {}, t('apps.files'), files),
    h('p', { class: 'hint', id: 'apply-files-hint' }, t('apps.files.hint')),
    error,
    h('button', { type: 'submit' }, t('apps.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    if (!files.files.length) { error.textContent = t('apps.files.required'); files.focus(); return; }
    try {
      const evidence = [];
      for (const f of files.files) {
        if (f.size > 10 * 1024 * 1024) { error.textContent = t('apps.files.big', { name: f.name }); return; }
        evidence.push({ file_id: (await upload(f)).id });
      }
      await api('POST', '/v1/applications', { kind: 'qualification', evidence, qualification: {
        type: d.get('type'), level: d.get('level'), certificate_no: d.get('certificate_no'), issuer: d.get('issuer'),
        issued_on: d.get('issued_on'), expires_on: d.get('expires_on') } });
      say(t('apps.submitted'));
      go('/console/applications');
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 415 ? t('apps.files.type') : problemText(e);
    }
  });
  const listing = h('button', { id: 'apply-listing', onclick: async () => {
    try {
      await api('POST', '/v1/applications', { kind: 'listing' });
      say(t('apps.submitted'));
      go('/console/applications');
    } catch (e) {
      say(problemText(e));
    }
  } }, t('apps.listing'));
  const rows = apps.items.map((a) => h('tr', { 'data-id': a.id },
    h('td', {}, t(`queue.kind.${a.kind}`)),
    h('td', {}, a.qualification ? `${types.get(a.qualification.type) || a.qualification.type} ${a.qualification.level}（${a.qualification.certificate_no}）` : '—'),
    h('td', {}, a.evidence.length ? a.evidence.flatMap((e, i) => [i ? '；' : '', e.file_id
      ? h('a', { href: `/v1/files/${encodeURIComponent(e.file_id)}`, download: e.name }, e.name) : e.name]) : '—'),
    h('td', { class: 'nowrap' }, formatTime(a.submitted_at)),
    h('td', { class: 'nowrap' }, t(`apps.status.${a.status}`)),
    h('td', {}, a.comment || '')));
  show(t('apps.title'),
    dataTable('apps-list', ['apps.col.kind', 'apps.col.claim', 'apps.col.evidence', 'apps.col.submitted', 'apps.col.status', 'apps.col.comment'], rows),
    h('h2', {}, t('apps.new')), form,
    h('h2', {}, t('apps.listing.title')), h('p', { class: 'hint' }, t('apps.listing.why')), listing);
}

// ---- catalog items: propose one, see each one's review

export async function itemsScreen(me) {
  if (me.role !== 'vendor' || !me.vendor_id) { show(t('items.title'), h('p', { class: 'error' }, t('forbidden'))); return; }
  let items, categories;
  try {
    [items, categories] = await Promise.all([api('GET', '/v1/catalog/items?limit=200'), categoryNames()]);
  } catch (e) {
    show(t('items.title'), h('p', { class: 'error' }, problemText(e)));
    return;
  }
  const error = h('p', { class: 'error', id: 'item-error', role: 'alert' });
  const form = h('form', { class: 'stack', id: 'item-form', novalidate: true },
    h('label', {}, t('items.category'), h('select', { name: 'category', id: 'item-category' },
      [...categories].map(([code, name]) => h('option', { value: code }, name)))),
    h('label', {}, t('items.name'), h('input', { name: 'name', id: 'item-name', required: true })),
    h('label', {}, t('items.description'), h('textarea', { name: 'description', id: 'item-description', rows: 3 })),
    h('label', {}, t('items.price'), h('input', { name: 'unit_price', id: 'item-price', inputmode: 'decimal', placeholder: '12800.00', required: true })),
    h('label', {}, t('items.unit'), h('input', { name: 'unit', id: 'item-unit', required: true, placeholder: t('items.unit.example') })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'domestic', id: 'item-domestic', 'aria-describedby': 'item-domestic-hint' }), t('items.domestic')),
    h('p', { class: 'hint', id: 'item-domestic-hint' }, t('items.domestic.hint')),
    error,
    h('button', { type: 'submit' }, t('items.propose')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    const price = yuan(d.get('unit_price'));
    if (price === null) { error.textContent = t('money.bad'); form.querySelector('#item-price').focus(); return; }
    try {
      const made = await api('POST', '/v1/catalog/items', { category: d.get('category'), name: d.get('name'),
        description: d.get('description'), domestic: d.get('domestic') === 'on', unit_price: price, unit: d.get('unit') });
      say(t('items.proposed', { name: made.name }));
      go('/console/items');
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  const rows = items.items.map((it) => h('tr', { 'data-id': it.id },
    h('td', {}, it.name), h('td', {}, categories.get(it.category) || it.category),
    h('td', { class: 'nowrap' }, `${formatMoney(it.unit_price)} / ${it.unit}`),
    h('td', {}, it.domestic ? t('items.domestic.yes') : t('queue.domestic.no')),
    h('td', { class: 'nowrap' }, t(`items.status.${it.status}`)), h('td', {}, it.comment || '')));
  show(t('items.title'),
    dataTable('item-list', ['items.col.name', 'items.col.category', 'items.col.price', 'items.col.domestic', 'items.col.status', 'items.col.comment'], rows),
    h('h2', {}, t('items.new')), form);
}

// ---- tenders as a vendor sees them: the open ones (with whether it may bid), its bid, its result

export async function vendorTendersScreen(me) {
  let open, awarded, categories;
  try {
    [open, awarded, categories] = await Promise.all([api('GET', '/v1/tenders?status=open&limit=200'),
      api('GET', '/v1/tenders?status=awarded&limit=200'), categoryNames()]);
  } catch (e) {
    show(t('tenders.title'), h('p', { class: 'error' }, problemText(e)));
    return;
  }
  const vid = encodeURIComponent(me.vendor_id);
  const body = h('tbody', {});
  const list = h('table', { id: 'vendor-tender-list' }, h('thead', {}, h('tr', {},
    ['title', 'category', 'budget', 'deadline', 'status', 'access'].map((c) => h('th', { scope: 'col' }, t(`tenders.col.${c}`))))), body);
  show(t('tenders.title'), h('p', { class: 'hint' }, t('vtenders.why')), list);
  const all = [...open.items, ...awarded.items];
  if (!all.length) { body.append(h('tr', {}, h('td', { colspan: 6, class: 'empty' }, t('tenders.none')))); return; }
  for (const x of all) {
    let access = '—';
    if (x.status === 'open') {
      try {
        const d = await api('GET', `/v1/vendors/${vid}/market-access?tender=${encodeURIComponent(x.id)}`);
        access = h('span', { class: d.eligible ? 'ok' : 'error' }, d.eligible ? t('vendor.eligible.yes') : t('vendor.eligible.no'));
      } catch (e) { access = problemText(e); }
    }
    body.append(h('tr', { 'data-id': x.id },
      h('td', {}, link(`/console/tenders/${encodeURIComponent(x.id)}`, x.title)), h('td', {}, categories.get(x.category) || x.category),
      h('td', {}, formatMoney(x.budget)), h('td', { class: 'nowrap' }, formatTime(x.bid_deadline)),
      h('td', {}, t(`tender.status.${x.status}`)), h('td', {}, access)));
  }
  body.setAttribute('data-complete', 'true');
}

// Withdrawing the live bid before the deadline: one button, then a confirmation in the page
// (no browser dialog), since a withdrawn bid counts for nothing unless the vendor bids again.
function withdrawControls(tid) {
  const error = h('p', { class: 'error', id: 'withdraw-error', role: 'alert' });
  const yes = h('button', { id: 'withdraw-yes', class: 'danger', onclick: async () => {
    try {
      await api('POST', `/v1/tenders/${tid}/bids/withdraw`, {});
      say(t('vbid.withdrawn.done'));
      go(`/console/tenders/${tid}`);
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 409 ? t('vbid.closed') : problemText(e);
    }
  } }, t('vbid.withdraw.yes'));
  const confirmBox = h('div', { class: 'confirm', id: 'withdraw-confirm', hidden: true },
    h('p', {}, t('vbid.withdraw.confirm')), yes,
    h('button', { id: 'withdraw-no', onclick: () => { confirmBox.hidden = true; ask.focus(); } }, t('vbid.withdraw.no')));
  const ask = h('button', { id: 'withdraw-bid', class: 'danger', onclick: () => { confirmBox.hidden = false; yes.focus(); } },
    t('vbid.withdraw'));
  return [h('h2', {}, t('vbid.withdraw.title')), h('p', { class: 'hint' }, t('vbid.withdraw.hint')), ask, confirmBox, error];
}

// The vendor's part of a tender's page: its bid (submit, replace or withdraw before the
// deadline), and after the award its rank and whether it won.
export async function vendorBidSection(me, x) {
  const tid = encodeURIComponent(x.id);
  const out = [];
  const [mine, items, access] = await Promise.all([
    api('GET', `/v1/tenders/${tid}/bids`),
    api('GET', `/v1/catalog/items?status=listed&category=${encodeURIComponent(x.category)}&limit=200`),
    x.status === 'open' ? api('GET', `/v1/vendors/${encodeURIComponent(me.vendor_id)}/market-access?tender=${tid}`) : null]);
  const bid = mine.items[0] || null;
  out.push(h('h2', {}, t('vbid.title')));
  if (bid) {
    out.push(h('dl', { class: 'facts', id: 'own-bid' },
      h('dt', {}, t('bid.col.price')), h('dd', { id: 'own-bid-price' }, bid.price === null ? t('seal.sealed') : formatMoney(bid.price)),
      h('dt', {}, t('bid.col.domestic')), h('dd', {}, bid.domestic ? t('bid.domestic.yes') : bid.domestic_claimed ? t('bid.domestic.claimed') : t('bid.domestic.no')),
      h('dt', {}, t('vbid.submitted')), h('dd', {}, formatTime(bid.submitted_at)),
      h('dt', {}, t('vbid.status')), h('dd', { id: 'own-bid-status' }, t(`vbid.status.${bid.status}`)),
      bid.withdrawn_at && h('dt', {}, t('vbid.withdrawn_at')), bid.withdrawn_at && h('dd', {}, formatTime(bid.withdrawn_at))));
  } else {
    out.push(h('p', { class: 'empty', id: 'own-bid-none' }, t('vbid.none')));
  }
  out.push(...sealSection(x, me, bid));
  const sealed = x.policies.sealing === 'commit_reveal';
  if (x.status === 'open' && Date.parse(x.bid_deadline) > Date.now()) {
    if (access && !access.eligible) {
      const types = await typeNames();
      out.push(h('p', { class: 'error', id: 'bid-not-eligible' }, t('vbid.not_eligible')),
        h('ul', {}, access.reasons.map((r) => h('li', {}, t(`reason.${r.code}`, {
          type: types.get(r.requirement?.qualification || r.requirement?.credential) || '', level: r.requirement?.min_level || '', count: r.requirement?.min_count || '' })))));
    }
    const error = h('p', { class: 'error', id: 'bid-error', role: 'alert' });
    const form = h('form', { class: 'stack', id: 'bid-form', novalidate: true },
      h('label', {}, t('vbid.price'), h('input', { name: 'price', id: 'bid-price', inputmode: 'decimal', required: true, value: bid?.price || keptSeal(x.id, me.vendor_id)?.price || '',
                                                     'aria-describedby': sealed ? 'bid-sealed-hint' : undefined })),
      sealed ? h('p', { class: 'hint', id: 'bid-sealed-hint' }, t('seal.form.hint')) : null,
      items.items.length
        ? h('fieldset', {}, h('legend', {}, t('vbid.items')), items.items.map((it) => h('label', { class: 'check' },
            h('input', { type: 'checkbox', name: 'items', value: it.id, checked: bid?.items?.includes(it.id) }),
            `${it.name}（${formatMoney(it.unit_price)} / ${it.unit}${it.domestic ? `，${t('items.domestic.yes')}` : ''}）`)))
        : h('p', { class: 'hint' }, t('vbid.items.none')),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'domestic', id: 'bid-domestic', checked: bid?.domestic_claimed || bid?.domestic,
                                                   'aria-describedby': 'bid-domestic-hint' }), t('vbid.domestic')),
      h('p', { class: 'hint', id: 'bid-domestic-hint' }, t('vbid.domestic.hint')),
      h('label', {}, t('vbid.note'), h('input', { name: 'note', id: 'bid-note', value: bid?.note || '' })),
      h('p', { class: 'hint' }, t('vbid.deadline', { at: formatTime(x.bid_deadline) })),
      error,
      h('button', { type: 'submit' }, bid?.status === 'submitted' ? t('vbid.replace') : t('vbid.submit')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const d = new FormData(form);
      const price = yuan(d.get('price'));
      if (price === null) { error.textContent = t('money.bad'); form.querySelector('#bid-price').focus(); return; }
      const body = { price, domestic: d.get('domestic') === 'on', items: d.getAll('items') };
      if (String(d.get('note')).trim()) body.note = String(d.get('note')).trim();
      try {
        if (sealed) {
          // Sealed here: the server gets the commitment, the price and nonce stay with the bidder.
          const seal = await sealPrice(x.id, me.vendor_id, price);
          delete body.price;
          body.commitment = seal.commitment;
          await api('POST', `/v1/tenders/${tid}/bids`, body);
          keepSeal(x.id, me.vendor_id, { price, nonce: seal.nonce, commitment: seal.commitment });
        } else {
          await api('POST', `/v1/tenders/${tid}/bids`, body);
        }
        say(t(bid?.status === 'submitted' ? 'vbid.replaced' : 'vbid.submitted.done'));
        go(`/console/tenders/${tid}`);
      } catch (e) {
        error.textContent = e instanceof ApiError && e.status === 409 ? t('vbid.closed') : e instanceof ApiError ? problemText(e) : e.message;
      }
    });
    const live = bid && bid.status === 'submitted';
    out.push(h('h2', {}, live ? t('vbid.replace.title') : t('vbid.submit.title')), form);
    if (live) out.push(...withdrawControls(tid));
  }
  const decided = x.status === 'awarded' || x.status === 'contracted';
  if (decided && bid && bid.status === 'withdrawn') {
    out.push(h('h2', {}, t('vbid.result')), h('p', { id: 'own-result' }, t('vbid.result.withdrawn')));
  } else if (decided && bid) {
    const report = await api('GET', `/v1/tenders/${tid}/evaluation`);
    const row = report.ranking.find((r) => r.bid_id === bid.id);
    const excluded = report.excluded.find((e) => e.bid_id === bid.id);
    out.push(h('h2', {}, t('vbid.result')), h('p', { id: 'own-result', class: x.awarded_bid_id === bid.id ? 'ok' : undefined },
      x.awarded_bid_id === bid.id ? t('vbid.won', { rank: row?.rank ?? '—' })
        : row ? t('vbid.ranked', { rank: row.rank, n: report.ranking.length })
          : t('vbid.excluded', { why: excluded ? excluded.reasons.map((r) => t(`reason.${r.code}`, { type: '', level: '', count: '' })).join('；') : '' })));
  }
  return out;
}
