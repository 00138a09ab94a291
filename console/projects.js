// Projects, from plan to performance (the projects issue): the bureau's plan editor, the
// department's project form (with the similar projects the registry finds), the project list
// (the bureau's queue; a department's own) and one project.
import { api } from './api.js';
import { formatMoney, formatTime, t } from './i18n.js';
import { categoryNames, dataTable, go, h, link, problemText, say, show, yuan } from './ui.js';

const READERS = ['bureau', 'finance', 'officer', 'auditor', 'department'];

// The lines of a textarea, trimmed, without the empty ones.
function lines(text) {
  return String(text || '').split('\n').map((s) => s.trim()).filter((s) => s);
}

// ---- /console/plans: every account reads the plans; the bureau drafts and adopts them

function planItemRow(categories, n) {
  const label = (key) => t('plans.item.label', { field: t(key), n });
  return h('tr', { class: 'plan-item' },
    h('td', {}, h('input', { name: 'code', 'aria-label': label('plans.item.code'), size: 8 })),
    h('td', {}, h('input', { name: 'title', 'aria-label': label('plans.item.title') })),
    h('td', {}, h('input', { name: 'ceiling', 'aria-label': label('plans.item.ceiling'), inputmode: 'decimal', size: 14 })),
    h('td', {}, h('select', { name: 'category', 'aria-label': label('plans.item.category') },
      h('option', { value: '' }, t('plans.item.category.none')),
      [...categories].map(([code, name]) => h('option', { value: code }, name)))));
}

export async function plansScreen(me) {
  let page;
  let categories;
  try {
    [page, categories] = await Promise.all([api('GET', '/v1/plans?limit=200'), categoryNames()]);
  } catch (e) {
    show(t('plans.title'), h('p', { class: 'error' }, problemText(e)));
    return;
  }
  const rows = page.items.map((p) => {
    const adopt = me.role === 'bureau' && p.status === 'draft'
      ? h('button', { class: 'secondary', 'aria-label': `${t('plans.adopt')} ${p.title}`, onclick: async () => {
        try {
          await api('POST', `/v1/plans/${encodeURIComponent(p.id)}/adopt`, {});
          say(t('plans.adopted', { title: p.title }));
          await plansScreen(me);
        } catch (e) { say(problemText(e)); }
      } }, t('plans.adopt'))
      : null;
    const items = h('ul', { class: 'plain' }, p.items.map((it) => h('li', {},
      `${it.code} ${it.title}：${t('plans.ceiling')} ${formatMoney(it.budget_ceiling)}`,
      it.category ? `（${categories.get(it.category) || it.category}）` : '')));
    return h('tr', { 'data-id': p.id }, h('td', {}, p.title), h('td', { class: 'nowrap' }, `${p.period_start} — ${p.period_end}`),
      h('td', {}, items), h('td', {}, t(`plans.status.${p.status}`)), h('td', { class: 'actions' }, adopt));
  });
  const content = [h('p', { class: 'hint' }, t('plans.hint')),
    dataTable('plan-list', ['plans.col.title', 'plans.col.period', 'plans.col.items', 'plans.col.status', 'plans.col.actions'], rows, 'plans.none')];
  if (me.role === 'bureau') content.push(h('h2', {}, t('plans.new')), planForm(me, categories));
  show(t('plans.title'), ...content);
}

function planForm(me, categories) {
  const body = h('tbody', {}, planItemRow(categories, 1));
  const error = h('p', { class: 'error', id: 'plan-error', role: 'alert' });
  const form = h('form', { class: 'stack', id: 'plan-form', novalidate: true },
    h('label', {}, t('plans.field.title'), h('input', { name: 'title', id: 'plan-title', required: true })),
    h('label', {}, t('plans.field.start'), h('input', { name: 'period_start', id: 'plan-start', type: 'date', required: true })),
    h('label', {}, t('plans.field.end'), h('input', { name: 'period_end', id: 'plan-end', type: 'date', required: true })),
    h('table', { id: 'plan-items' }, h('caption', {}, t('plans.items')),
      h('thead', {}, h('tr', {}, ['plans.item.code', 'plans.item.title', 'plans.item.ceiling', 'plans.item.category'].map((c) => h('th', { scope: 'col' }, t(c))))),
      body),
    h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'plan-add-item',
      onclick: () => { body.append(planItemRow(categories, body.children.length + 1)); body.lastChild.querySelector('input').focus(); } },
      t('plans.add_item'))),
    error,
    h('button', { type: 'submit' }, t('plans.create')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    const items = [];
    for (const row of body.querySelectorAll('tr')) {
      const v = (name) => row.querySelector(`[name="${name}"]`).value.trim();
      if (!v('code') && !v('title') && !v('ceiling')) continue;  // a row left empty
      const ceiling = yuan(v('ceiling'));
      if (ceiling === null) { error.textContent = t('plans.ceiling.invalid', { code: v('code') || '?' }); return; }
      items.push({ code: v('code'), title: v('title'), budget_ceiling: ceiling, ...(v('category') ? { category: v('category') } : {}) });
    }
    try {
      const made = await api('POST', '/v1/plans', { title: d.get('title'), period_start: d.get('period_start'), period_end: d.get('period_end'), items });
      say(t('plans.created', { title: made.title }));
      await plansScreen(me);
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  return form;
}

// ---- /console/projects: the bureau's queue (every project, by status), a department's own

export async function projectsScreen(me) {
  if (!READERS.includes(me.role)) { show(t('projects.title'), h('p', { class: 'error' }, t('forbidden'))); return; }
  const status = new URLSearchParams(location.search).get('status') || '';
  let page;
  try {
    page = await api('GET', `/v1/projects?limit=200${status ? `&status=${encodeURIComponent(status)}` : ''}`);
  } catch (e) {
    show(t('projects.title'), h('p', { class: 'error' }, problemText(e)));
    return;
  }
  const filter = h('select', { id: 'project-status', 'aria-label': t('projects.filter') },
    ['', 'proposed', 'rejected', 'budget_review', 'reviewed', 'approved', 'in_progress', 'accepted'].map((s) =>
      h('option', { value: s, ...(s === status ? { selected: true } : {}) }, s ? t(`project.status.${s}`) : t('projects.filter.all'))));
  filter.addEventListener('change', () => go(`/console/projects${filter.value ? `?status=${filter.value}` : ''}`));
  const rows = page.items.map((p) => h('tr', { 'data-id': p.id },
    h('td', {}, link(`/console/projects/${encodeURIComponent(p.id)}`, p.title)), h('td', {}, p.department),
    h('td', {}, formatMoney(p.budget_requested)), h('td', {}, t(`project.status.${p.status}`)), h('td', { class: 'nowrap' }, formatTime(p.created_at))));
  show(t('projects.title'),
    me.role === 'department' ? h('p', {}, link('/console/projects/new', t('projects.new'))) : null,
    h('label', {}, t('projects.filter'), filter),
    dataTable('project-list', ['projects.col.title', 'projects.col.department', 'projects.col.budget', 'projects.col.status', 'projects.col.created'],
      rows, 'projects.none'));
}

// ---- /console/projects/new: a department proposes a project under an adopted plan's item

export async function newProjectScreen(me) {
  if (me.role !== 'department') { show(t('projects.new'), h('p', { class: 'error' }, t('forbidden'))); return; }
  let plans;
  try {
    plans = (await api('GET', '/v1/plans?status=adopted&limit=200')).items;
  } catch (e) {
    show(t('projects.new'), h('p', { class: 'error' }, problemText(e)));
    return;
  }
  if (!plans.length) { show(t('projects.new'), h('p', { class: 'empty', id: 'no-plan' }, t('projects.no_plan'))); return; }
  const plan = h('select', { name: 'plan_id', id: 'project-plan' }, plans.map((p) => h('option', { value: p.id }, p.title)));
  const item = h('select', { name: 'plan_item', id: 'project-item', 'aria-describedby': 'project-ceiling' });
  const ceiling = h('p', { class: 'hint', id: 'project-ceiling' });
  const fillItems = () => {
    const p = plans.find((x) => x.id === plan.value);
    item.replaceChildren(...p.items.map((it) => h('option', { value: it.code }, `${it.code} ${it.title}`)));
    showCeiling();
  };
  const showCeiling = () => {
    const it = plans.find((x) => x.id === plan.value).items.find((x) => x.code === item.value);
    ceiling.textContent = it ? t('projects.ceiling', { amount: formatMoney(it.budget_ceiling) }) : '';
  };
  plan.addEventListener('change', fillItems);
  item.addEventListener('change', showCeiling);
  fillItems();
  const error = h('p', { class: 'error', id: 'project-error', role: 'alert' });
  const form = h('form', { class: 'stack', id: 'project-form', novalidate: true },
    h('label', {}, t('projects.field.plan'), plan),
    h('label', {}, t('projects.field.item'), item), ceiling,
    h('label', {}, t('projects.field.title'), h('input', { name: 'title', id: 'project-title', required: true })),
    h('label', {}, t('projects.field.description'), h('textarea', { name: 'description', id: 'project-description', rows: 4, required: true })),
    h('label', {}, t('projects.field.budget'), h('input', { name: 'budget', id: 'project-budget', inputmode: 'decimal', required: true })),
    h('fieldset', {}, h('legend', {}, t('projects.sharing')),
      h('p', { class: 'hint', id: 'sharing-hint' }, t('projects.sharing.hint')),
      h('label', {}, t('projects.sharing.provides'), h('textarea', { name: 'provides', id: 'project-provides', rows: 3, 'aria-describedby': 'sharing-hint' })),
      h('label', {}, t('projects.sharing.uses'), h('textarea', { name: 'uses', id: 'project-uses', rows: 3, 'aria-describedby': 'sharing-hint' }))),
    error,
    h('button', { type: 'submit' }, t('projects.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    const budget = yuan(d.get('budget'));
    if (budget === null) { error.textContent = t('projects.budget.invalid'); return; }
    try {
      const made = await api('POST', '/v1/projects', {
        title: d.get('title'), plan_id: d.get('plan_id'), plan_item: d.get('plan_item'), description: d.get('description'),
        budget_requested: budget, information_sharing: { provides: lines(d.get('provides')), uses: lines(d.get('uses')) } });
      say(t('projects.proposed', { title: made.title }));
      go(`/console/projects/${encodeURIComponent(made.id)}`);
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  show(t('projects.new'), h('p', { class: 'hint' }, t('projects.new.hint')), form);
}

// ---- /console/projects/{id}: the project, its similar projects; the bureau's refusal

export async function projectScreen(me, id) {
  let p;
  try {
    p = await api('GET', `/v1/projects/${encodeURIComponent(id)}`);
  } catch (e) {
    show(t('projects.title'), h('p', { class: 'error' }, problemText(e)));
    return;
  }
  const facts = h('dl', { id: 'project-facts' },
    h('dt', {}, t('projects.col.department')), h('dd', {}, p.department),
    h('dt', {}, t('projects.col.status')), h('dd', { id: 'project-status-text' }, t(`project.status.${p.status}`),
      p.status_reason ? `：${p.status_reason}` : ''),
    h('dt', {}, t('projects.field.item')), h('dd', {}, link('/console/plans', `${p.plan_item}`)),
    h('dt', {}, t('projects.col.budget')), h('dd', {}, formatMoney(p.budget_requested)),
    h('dt', {}, t('projects.field.description')), h('dd', {}, p.description),
    h('dt', {}, t('projects.sharing.provides')), h('dd', {}, p.information_sharing.provides.join('；') || '—'),
    h('dt', {}, t('projects.sharing.uses')), h('dd', {}, p.information_sharing.uses.join('；') || '—'),
    h('dt', {}, t('projects.col.created')), h('dd', {}, formatTime(p.created_at)));
  const similar = dataTable('similar-projects', ['projects.col.title', 'projects.col.department', 'projects.col.status', 'projects.similar.overlap'],
    p.similar_projects.map((s) => h('tr', { 'data-id': s.id },
      h('td', {}, READERS.includes(me.role) && me.role !== 'department' ? link(`/console/projects/${encodeURIComponent(s.id)}`, s.title) : s.title),
      h('td', {}, s.department), h('td', {}, t(`project.status.${s.status}`)), h('td', {}, `${s.overlap}%`))), 'projects.similar.none');
  const content = [facts, h('h2', {}, t('projects.similar')), h('p', { class: 'hint' }, t('projects.similar.hint')), similar];
  if (me.role === 'bureau' && p.status === 'proposed') {
    const error = h('p', { class: 'error', id: 'reject-error', role: 'alert' });
    const form = h('form', { class: 'stack', id: 'reject-form', novalidate: true },
      h('label', {}, t('projects.reject.reason'), h('textarea', { name: 'reason', id: 'reject-reason', rows: 2, required: true })),
      error, h('button', { type: 'submit', class: 'danger' }, t('projects.reject')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const reason = new FormData(form).get('reason').trim();
      if (!reason) { error.textContent = t('projects.reject.required'); return; }
      try {
        await api('POST', `/v1/projects/${encodeURIComponent(p.id)}/reject`, { reason });
        say(t('projects.rejected', { title: p.title }));
        await projectScreen(me, id);
      } catch (e) {
        error.textContent = problemText(e);
      }
    });
    content.push(h('h2', {}, t('projects.decide')), form);
  }
  show(p.title, ...content);
}
