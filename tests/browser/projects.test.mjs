// Projects in the console (the projects issue): the bureau makes a department's account, drafts a
// plan in the plan editor and adopts it; the department proposes a project under it in the
// project form (a proposal without information sharing refused, in Chinese); a second
// department's near-duplicate shows the first as a similar project, and the bureau, reading it
// from its queue, refuses it with the reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminToken, call, expectUsable, signInFirstTime, useServerAndBrowser, watchedPage } from './harness.mjs';

const env = useServerAndBrowser({ clock: '2026-12-01T02:00:00Z' });

test('from the plan to a proposal: the plan editor, the project form, the similar projects and the bureau’s refusal', async () => {
  const base = env.server.base;
  const api = (method, target, token, body) => call(base, method, target, token, body);
  const clerk = await api('POST', '/v1/accounts', adminToken, { name: '数据局 林一', role: 'bureau', login: 'lin.yi' });
  assert.equal(clerk.status, 201, clerk.text);
  const bureau = await watchedPage(env.browser);
  await signInFirstTime(bureau, base, 'lin.yi', clerk.json.password);

  // 1. The bureau makes the department's account: the department's name is asked for that role only.
  await bureau.getByRole('link', { name: '账户' }).first().click();
  await bureau.getByRole('heading', { name: '创建账户' }).waitFor();
  assert.ok(!(await bureau.getByLabel('部门名称（建设单位必填）').isVisible()));
  await bureau.getByLabel('姓名或名称').fill('教育局 陈二');
  await bureau.getByLabel('身份').selectOption({ label: '建设单位' });
  await bureau.getByLabel('部门名称（建设单位必填）').fill('汕头市教育局');
  await bureau.getByLabel('登录名').fill('chen.er');
  await bureau.getByRole('button', { name: '创建' }).click();
  await bureau.locator('#new-password code').waitFor();
  const oneTime = await bureau.locator('#new-password code').innerText();
  assert.match(await bureau.locator('#account-list').innerText(), /教育局 陈二\s+建设单位（汕头市教育局）/);

  // 2. The plan editor: two items, one added with the button; saved as a draft, then adopted.
  await bureau.goto(`${base}/console/plans`);
  await bureau.getByRole('heading', { name: '起草规划' }).waitFor();
  await bureau.getByLabel('规划名称').fill('汕头市数字政府建设规划（2026—2028年）');
  await bureau.getByLabel('起始日期').fill('2026-01-01');
  await bureau.getByLabel('截止日期').fill('2028-12-31');
  await bureau.getByLabel('编号（第 1 项）').fill('A-1');
  await bureau.getByLabel('项目名称（第 1 项）').fill('政务服务一网通办平台');
  await bureau.getByLabel('预算上限（元）（第 1 项）').fill('2,000,000');
  await bureau.getByLabel('采购品目（第 1 项）').selectOption('SYSTEM_INTEGRATION');
  await bureau.getByRole('button', { name: '再加一项' }).click();
  await bureau.getByLabel('编号（第 2 项）').fill('A-2');
  await bureau.getByLabel('项目名称（第 2 项）').fill('城市运行监测');
  await bureau.getByLabel('预算上限（元）（第 2 项）').fill('500000');
  await bureau.getByRole('button', { name: '保存草案' }).click();
  const row = bureau.locator('#plan-list tr', { hasText: '汕头市数字政府建设规划' });
  await row.waitFor();
  assert.match(await row.innerText(), /A-1 政务服务一网通办平台：上限 ¥2,000,000\.00（信息系统集成实施服务）[\s\S]*草案/);
  await expectUsable(bureau);
  await bureau.getByRole('button', { name: '通过 汕头市数字政府建设规划（2026—2028年）' }).click();
  await row.filter({ hasText: '已通过' }).waitFor();
  await bureau.shot('81-plans');

  // 3. The department proposes under the adopted plan's item; without sharing it is refused.
  const dept = await watchedPage(env.browser, { allow: (r) => r.status() === 422 });
  await signInFirstTime(dept, base, 'chen.er', oneTime);
  await dept.getByRole('link', { name: '申报建设项目' }).click();
  await dept.getByRole('heading', { name: '申报建设项目' }).waitFor();
  await dept.getByLabel('规划项目').selectOption('A-1');
  assert.match(await dept.locator('#project-ceiling').innerText(), /¥2,000,000\.00/);
  await dept.getByLabel('项目名称').fill('政务服务一网通办平台建设项目');
  await dept.getByLabel('建设内容').fill('建设统一的政务服务平台，实现一网通办和数据共享');
  await dept.getByLabel('申报金额（元）').fill('1800000');
  await dept.getByRole('button', { name: '申报' }).click();
  await dept.locator('#project-error').filter({ hasText: '信息共享' }).waitFor();
  await dept.getByLabel('向其他部门提供的信息').fill('办件数据\n学籍数据');
  await dept.getByLabel('使用的共享信息').fill('人口基础信息库');
  await expectUsable(dept);
  await dept.shot('82-project-form');
  await dept.getByRole('button', { name: '申报' }).click();
  await dept.getByRole('heading', { name: '政务服务一网通办平台建设项目' }).waitFor();
  assert.match(await dept.locator('#project-facts').innerText(), /已申报[\s\S]*¥1,800,000\.00[\s\S]*办件数据；学籍数据[\s\S]*人口基础信息库/);
  assert.match(await dept.locator('main').innerText(), /没有相似的已有项目/);
  dept.check();

  // 4. Another department's near-duplicate: the bureau reads it from its queue, sees the first
  // project among the similar ones, and refuses it with the reason.
  const health = await api('POST', '/v1/accounts', adminToken, { name: '卫健局 何三', role: 'department', department: '汕头市卫生健康局' });
  const plan = (await api('GET', '/v1/plans?status=adopted', adminToken)).json.items[0];
  const dup = await api('POST', '/v1/projects', health.json.token, { title: '一网通办政务服务平台', plan_id: plan.id, plan_item: 'A-1',
    description: '建设统一的政务服务平台，实现一网通办', budget_requested: '900000.00', information_sharing: { provides: ['医疗办件数据'], uses: [] } });
  assert.equal(dup.status, 201, dup.text);
  await bureau.getByRole('link', { name: '建设项目' }).first().click();
  await bureau.getByLabel('状态').selectOption('proposed');
  await bureau.locator('#project-list tr', { hasText: '一网通办政务服务平台' }).waitFor();
  await expectUsable(bureau);
  await bureau.shot('83-project-queue');
  await bureau.getByRole('link', { name: '一网通办政务服务平台', exact: true }).click();
  const similar = bureau.locator('#similar-projects tr', { hasText: '政务服务一网通办平台建设项目' });
  await similar.waitFor();
  assert.match(await similar.innerText(), /汕头市教育局[\s\S]*已申报[\s\S]*\d+%/);
  await bureau.getByLabel('退回理由（如与已有项目重复建设）').fill('与教育局一网通办平台重复建设，请共享使用');
  await expectUsable(bureau);
  await bureau.shot('84-project-similar');
  await bureau.getByRole('button', { name: '退回申报' }).click();
  await bureau.locator('#project-status-text', { hasText: '已退回：与教育局一网通办平台重复建设' }).waitFor();
  const stored = await api('GET', `/v1/projects/${dup.json.id}`, adminToken);
  assert.equal(stored.json.status, 'rejected');
  bureau.check();
});

test('先评估后建设: the bureau names the experts, an expert recommends, the review closes with the median, finance approves with a reason', async () => {
  const base = env.server.base;
  const api = (method, target, token, body) => call(base, method, target, token, body);
  const person = async (name, role, login, extra = {}) => {
    const r = await api('POST', '/v1/accounts', adminToken, { name, role, login, ...extra });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const clerk = await person('数据局 周四', 'bureau', 'zhou.si');
  const expertA = await person('专家 吴五', 'expert', 'wu.wu');
  const expertB = await person('专家 郑六', 'expert', 'zheng.liu');
  const fin = await person('财政局 冯七', 'finance', 'feng.qi');
  const dept = await person('交通局 钱八', 'department', 'qian.ba', { department: '汕头市交通运输局' });
  const plan = await api('POST', '/v1/plans', adminToken, { title: '交通信息化规划', period_start: '2026-01-01', period_end: '2027-12-31',
    items: [{ code: 'T-1', title: '智慧交通', budget_ceiling: '3000000.00' }] });
  assert.equal((await api('POST', `/v1/plans/${plan.json.id}/adopt`, adminToken, {})).status, 200);
  const project = await api('POST', '/v1/projects', dept.token, { title: '智慧交通信号控制系统', plan_id: plan.json.id, plan_item: 'T-1',
    description: '路口信号灯联网控制与配时优化', budget_requested: '2500000.00', information_sharing: { provides: ['路况数据'], uses: [] } });
  assert.equal(project.status, 201, project.text);
  const where = `/console/projects/${project.json.id}`;

  // The bureau names two experts.
  const bureau = await watchedPage(env.browser);
  await signInFirstTime(bureau, base, 'zhou.si', clerk.password);
  await bureau.goto(`${base}${where}`);
  await bureau.getByRole('heading', { name: '组织预算评审' }).waitFor();
  await bureau.getByLabel('专家 吴五').check();
  await bureau.getByLabel('专家 郑六').check();
  await bureau.getByRole('button', { name: '开始预算评审' }).click();
  await bureau.locator('#review-state', { hasText: '评审专家 2 名' }).waitFor();

  // An expert finds it from the home page and gives an opinion; the other gives one by the API.
  const expert = await watchedPage(env.browser);
  await signInFirstTime(expert, base, 'wu.wu', expertA.password);
  await expert.getByRole('link', { name: /预算评审/ }).click();
  await expert.getByRole('link', { name: '智慧交通信号控制系统' }).click();
  await expert.getByLabel('建议预算（元）').fill('2,100,000');
  await expert.getByLabel('评审意见').fill('信号机数量偏多，建议分期建设');
  await expectUsable(expert);
  await expert.shot('85-budget-opinion');
  await expert.getByRole('button', { name: /提交意见/ }).click();
  await expert.locator('#budget-opinions', { hasText: '¥2,100,000.00' }).waitFor();
  expert.check();
  assert.equal((await api('POST', `/v1/projects/${project.json.id}/budget-reviews/opinions`, expertB.token,
    { recommended_budget: '2300000.00', opinion: '基本合理' })).status, 201);

  // The bureau closes it: two opinions, the lower middle.
  await bureau.reload();
  await bureau.getByRole('button', { name: '结束评审，确定建议预算' }).click();
  await bureau.locator('#review-state', { hasText: '专家建议预算（中位数）：¥2,100,000.00' }).waitFor();
  bureau.check();

  // Finance: above the recommendation without a reason is refused; with one, approved.
  const finance = await watchedPage(env.browser, { allow: (r) => r.status() === 422 });
  await signInFirstTime(finance, base, 'feng.qi', fin.password);
  await finance.getByRole('link', { name: '建设项目' }).first().click();
  await finance.getByRole('link', { name: '智慧交通信号控制系统' }).click();
  await finance.getByLabel('批复金额（元）').fill('2200000');
  await finance.getByRole('button', { name: '批复', exact: true }).click();
  await finance.locator('#approve-form-error', { hasText: 'comment' }).waitFor();
  await finance.getByLabel('说明（高于建议预算时必填）').fill('含一期土建配套');
  await expectUsable(finance);
  await finance.shot('86-budget-approve');
  await finance.getByRole('button', { name: '批复', exact: true }).click();
  await finance.locator('#review-state', { hasText: '财政批复预算：¥2,200,000.00' }).waitFor();
  assert.match(await finance.locator('#project-status-text').innerText(), /预算已批复/);
  finance.check();

  // An officer's tender draws on the approved budget: more than it is refused, within it made.
  const off = await person('采购处 孙九', 'officer', 'sun.jiu');
  const officer = await watchedPage(env.browser, { allow: (r) => r.status() === 422 });
  await signInFirstTime(officer, base, 'sun.jiu', off.password);
  await officer.goto(`${base}/console/tenders/new`);
  await officer.getByLabel('项目名称').fill('智慧交通信号控制系统（一期）');
  await officer.getByLabel('所属建设项目').selectOption({ label: '智慧交通信号控制系统（批复预算 ¥2,200,000.00）' });
  await officer.getByLabel('品目').selectOption('SYSTEM_INTEGRATION');
  await officer.getByLabel('预算（元）').fill('2300000.00');
  await officer.getByLabel('投标截止时间（北京时间）').fill('2027-01-10T10:00');
  await officer.getByRole('button', { name: '创建' }).click();
  await officer.locator('#tender-error', { hasText: '超过该建设项目批复预算的剩余额度' }).waitFor();
  await officer.getByLabel('预算（元）').fill('2000000.00');
  await officer.getByRole('button', { name: '创建' }).click();
  await officer.getByRole('heading', { name: '智慧交通信号控制系统（一期）' }).waitFor();
  const tenders = await api('GET', '/v1/tenders?status=draft', off.token);
  assert.equal(tenders.json.items.find((x) => x.title === '智慧交通信号控制系统（一期）').project_id, project.json.id);
  officer.check();
});
