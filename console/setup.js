// The bureau's editor of qualification types and procurement categories (/console/setup). Each
// save sends back the representation GET served, edited, with its version (PUT; a record someone
// else changed meanwhile → 412, said in words). Category requirements are edited as rows.
import { api, ApiError } from './api.js';
import { t } from './i18n.js';
import { h, problemText, say, show } from './ui.js';

const KINDS = ['services', 'goods', 'works'];

function saveError(e) {
  return e instanceof ApiError && e.status === 412 ? t('setup.stale') : problemText(e);
}

// One editable qualification type (or, with `type` null, the form for a new one).
function typeForm(type, redraw) {
  const code = type?.code || '';
  const key = code || 'new';
  const field = (k, attrs) => h('label', {}, t(`setup.type.${k}`), h('input', { name: k, id: `type-${key}-${k}`, ...attrs }));
  const error = h('p', { class: 'error', role: 'alert', id: `type-${key}-error` });
  const form = h('form', { class: 'filters', 'data-code': key, novalidate: true },
    type ? h('strong', {}, code) : field('code', { required: true, placeholder: 'ITSS' }),
    field('name', { value: type?.name || '', required: true }),
    h('label', {}, t('setup.type.holder'), h('select', { name: 'holder', id: `type-${key}-holder`, disabled: Boolean(type) },
      ['vendor', 'practitioner'].map((x) => h('option', { value: x, selected: type?.holder === x }, t(`setup.holder.${x}`))))),
    field('levels', { value: (type?.levels || []).join('，'), 'aria-describedby': 'levels-hint' }),
    field('validity_years', { type: 'number', min: 0, max: 50, value: String(type?.validity_years ?? 3) }),
    h('button', { type: 'submit' }, type ? t('setup.save') : t('setup.create')), error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    const c = type ? code : String(d.get('code')).trim().toUpperCase();
    const body = { ...(type || {}), code: c, name: String(d.get('name')).trim(), holder: type ? type.holder : d.get('holder'),
      levels: String(d.get('levels')).split(/[,，\s]+/).filter(Boolean), validity_years: Number(d.get('validity_years')) };
    try {
      await api('PUT', `/v1/qualification-types/${encodeURIComponent(c)}`, body, type ? {} : { 'If-Match': '"0"' });
      say(t('setup.saved', { name: body.name }));
      redraw();
    } catch (e) {
      error.textContent = saveError(e);
    }
  });
  return form;
}

// One requirement row of a category: qualification (held at a level) or credential (N people).
function requirementRow(r, types, key, n) {
  const isCred = Boolean(r?.credential);
  const label = (k) => `${t(k)}（${t('setup.req.n', { n })}）`;
  const kind = h('select', { name: 'req_kind', 'aria-label': label('setup.req.kind') },
    ['qualification', 'credential'].map((x) => h('option', { value: x, selected: (isCred ? 'credential' : 'qualification') === x }, t(`setup.req.${x}`))));
  const code = h('select', { name: 'req_code', 'aria-label': label('setup.req.type') },
    types.map((x) => h('option', { value: x.code, selected: (r?.qualification || r?.credential) === x.code }, x.name)));
  const level = h('input', { name: 'req_level', value: r?.min_level || '', 'aria-label': label('setup.req.level'), size: 8 });
  const count = h('input', { name: 'req_count', type: 'number', min: 1, value: String(r?.min_count || 1), 'aria-label': label('setup.req.count'), disabled: !isCred });
  kind.addEventListener('change', () => { count.disabled = kind.value !== 'credential'; });
  const row = h('tr', { 'data-req': `${key}-${n}` }, h('td', {}, kind), h('td', {}, code), h('td', {}, level), h('td', {}, count),
    h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': label('setup.req.remove'), onclick: () => row.remove() }, t('setup.req.remove'))));
  return row;
}

function categoryForm(category, types, redraw) {
  const key = category?.code || 'new';
  let n = 0;
  const rows = h('tbody', {});
  const add = (r) => { n += 1; rows.append(requirementRow(r, types, key, n)); };
  (category?.requirements || []).forEach(add);
  const error = h('p', { class: 'error', role: 'alert', id: `cat-${key}-error` });
  const form = h('form', { class: 'stack wide', 'data-code': key, novalidate: true },
    category ? h('h3', {}, `${category.name}（${category.code}）`)
      : h('label', {}, t('setup.cat.code'), h('input', { name: 'code', id: 'cat-new-code', required: true, placeholder: 'DATA_SERVICES' })),
    h('label', {}, t('setup.cat.name'), h('input', { name: 'name', id: `cat-${key}-name`, value: category?.name || '', required: true })),
    h('label', {}, t('setup.cat.kind'), h('select', { name: 'kind', id: `cat-${key}-kind` },
      KINDS.map((k) => h('option', { value: k, selected: category?.kind === k }, t(`setup.kind.${k}`))))),
    h('table', {}, h('thead', {}, h('tr', {}, ['kind', 'type', 'level', 'count', 'remove'].map((c) => h('th', { scope: 'col' }, t(`setup.req.${c}`))))), rows),
    h('p', {}, h('button', { type: 'button', class: 'secondary', 'aria-label': `${t('setup.req.add')}（${category?.name || t('setup.cat.new')}）`,
      onclick: () => add(null) }, t('setup.req.add'))),
    error, h('button', { type: 'submit' }, category ? t('setup.save') : t('setup.create')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    const code = category ? category.code : String(d.get('code')).trim().toUpperCase();
    const requirements = [...rows.children].map((tr) => {
      const v = (k) => tr.querySelector(`[name="${k}"]`);
      const r = v('req_kind').value === 'credential'
        ? { credential: v('req_code').value, min_count: Number(v('req_count').value) }
        : { qualification: v('req_code').value };
      if (v('req_level').value.trim()) r.min_level = v('req_level').value.trim();
      return r;
    });
    const body = { ...(category || {}), code, name: String(d.get('name')).trim(), kind: d.get('kind'), requirements };
    try {
      await api('PUT', `/v1/categories/${encodeURIComponent(code)}`, body, category ? {} : { 'If-Match': '"0"' });
      say(t('setup.saved', { name: body.name }));
      redraw();
    } catch (e) {
      error.textContent = saveError(e);
    }
  });
  return form;
}

export async function setupScreen(me, redraw) {
  if (me.role !== 'bureau') { show(t('setup.title'), h('p', { class: 'error' }, t('forbidden'))); return; }
  let types, categories;
  try {
    [types, categories] = await Promise.all([api('GET', '/v1/qualification-types'), api('GET', '/v1/categories')]);
  } catch (e) {
    show(t('setup.title'), h('p', { class: 'error' }, problemText(e)));
    return;
  }
  show(t('setup.title'),
    h('p', { class: 'hint' }, t('setup.why')),
    h('h2', {}, t('setup.types')),
    h('p', { class: 'hint', id: 'levels-hint' }, t('setup.levels.hint')),
    h('div', { id: 'type-editor' }, types.items.map((x) => typeForm(x, redraw))),
    h('h3', {}, t('setup.type.new')), typeForm(null, redraw),
    h('h2', {}, t('setup.categories')),
    h('div', { id: 'category-editor' }, categories.items.map((c) => categoryForm(c, types.items, redraw))),
    h('h3', {}, t('setup.cat.new')), categoryForm(null, types.items, redraw));
}
