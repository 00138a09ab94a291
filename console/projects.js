// Projects, from plan to performance (the projects issue): the bureau's plan editor, the
// department's project form (with the similar projects the registry finds), the project list
// (the bureau's queue; a department's own) and one project.
import { api } from './api.js';
import { formatMoney, formatTime, t } from './i18n.js';
import { categoryNames, dataTable, go, h, link, problemText, say, show, yuan } from './ui.js';

const READERS = ['bureau', 'finance', 'officer', 'auditor', 'department', 'expert'];

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
  content.push(...await reviewSections(me, p, () => projectScreen(me, id)));
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

// ---- the budget review (先评估后建设) and the finance office's approval, on the project's page

function opinionsTable(p) {
  const opinions = (p.budget_review && p.budget_review.opinions) || [];
  return dataTable('budget-opinions', ['review.col.expert', 'review.col.budget', 'review.col.opinion', 'review.col.at'],
    opinions.map((o) => h('tr', {}, h('td', {}, o.expert_name || o.expert_id), h('td', {}, formatMoney(o.recommended_budget)),
      h('td', {}, o.opinion), h('td', { class: 'nowrap' }, formatTime(o.submitted_at)))), 'review.none');
}

// A form whose submit sends `body()` to `path`, then redraws the page (`again`).
function actionForm(id, fields, button, path, body, again, danger) {
  const error = h('p', { class: 'error', id: `${id}-error`, role: 'alert' });
  const form = h('form', { class: 'stack', id, novalidate: true }, ...fields, error,
    h('button', { type: 'submit', ...(danger ? { class: 'danger' } : {}) }, button));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const b = body(new FormData(form));
    if (typeof b === 'string') { error.textContent = b; return; }  // a message: not sent
    try {
      await api('POST', path, b);
      say(t('review.saved'));
      await again();
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  return form;
}

async function reviewSections(me, p, again) {
  const out = [];
  const base = `/v1/projects/${encodeURIComponent(p.id)}`;
  if (p.budget_review || p.approved_budget) {
    out.push(h('h2', {}, t('review.title')),
      h('p', { id: 'review-state' }, t('review.experts', { n: p.budget_review ? p.budget_review.expert_ids.length : 0 }),
        p.recommended_budget ? ` ${t('review.recommended', { amount: formatMoney(p.recommended_budget) })}` : '',
        p.approved_budget ? ` ${t('review.approved', { amount: formatMoney(p.approved_budget) })}` : '',
        p.approval_comment ? `（${p.approval_comment}）` : ''),
      opinionsTable(p));
  }
  if (me.role === 'bureau' && p.status === 'proposed') {
    let experts = [];
    try {
      experts = (await api('GET', '/v1/accounts?role=expert&limit=500')).items.filter((a) => a.status === 'active');
    } catch (e) { /* shown as none */ }
    const boxes = experts.map((a) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'expert', value: a.id }), ` ${a.name}`));
    out.push(h('h2', {}, t('review.open.title')), h('p', { class: 'hint' }, t('review.open.hint')),
      actionForm('review-open-form', [h('fieldset', {}, h('legend', {}, t('review.open.experts')),
        ...(boxes.length ? boxes : [h('p', { class: 'empty' }, t('review.open.no_experts'))]))],
      t('review.open'), `${base}/budget-reviews`,
      (d) => (d.getAll('expert').length ? { expert_ids: d.getAll('expert') } : t('review.open.choose')), again));
  }
  if (me.role === 'expert' && p.status === 'budget_review') {
    out.push(h('h2', {}, t('review.mine')), actionForm('opinion-form', [
      h('label', {}, t('review.field.budget'), h('input', { name: 'budget', id: 'opinion-budget', inputmode: 'decimal', required: true })),
      h('label', {}, t('review.field.opinion'), h('textarea', { name: 'opinion', id: 'opinion-text', rows: 3, required: true }))],
    t('review.submit'), `${base}/budget-reviews/opinions`,
    (d) => (yuan(d.get('budget')) === null ? t('review.budget.invalid') : { recommended_budget: yuan(d.get('budget')), opinion: d.get('opinion') }),
    again));
  }
  if (me.role === 'bureau' && p.status === 'budget_review') {
    out.push(actionForm('review-close-form', [h('p', { class: 'hint' }, t('review.close.hint'))], t('review.close'),
      `${base}/budget-reviews/close`, () => ({}), again));
  }
  if (me.role === 'finance' && p.status === 'reviewed') {
    out.push(h('h2', {}, t('review.approve.title')), actionForm('approve-form', [
      h('p', { class: 'hint', id: 'approve-hint' }, t('review.approve.hint', { amount: formatMoney(p.recommended_budget) })),
      h('label', {}, t('review.field.approved'), h('input', { name: 'approved', id: 'approve-budget', inputmode: 'decimal', required: true,
        value: p.recommended_budget, 'aria-describedby': 'approve-hint' })),
      h('label', {}, t('review.field.comment'), h('textarea', { name: 'comment', id: 'approve-comment', rows: 2 }))],
    t('review.approve'), `${base}/budget`,
    (d) => (yuan(d.get('approved')) === null ? t('review.budget.invalid')
      : { approved_budget: yuan(d.get('approved')), ...(d.get('comment').trim() ? { comment: d.get('comment').trim() } : {}) }),
    again));
  }
  return out;
}
