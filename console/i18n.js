// Every text the console shows, one catalogue per language. Chinese first; the English switch
// is kept in localStorage. t(key, {name: value}) fills {name} placeholders.
const catalogues = {
  'zh-CN': {
    'app.title': '供应商名录与政府采购',
    'app.skip': '跳到正文',
    'lang.switch': 'English',
    'nav.home': '首页',
    'nav.queue': '工作队列',
    'nav.signout': '退出登录',
    'role.bureau': '主管部门',
    'role.officer': '采购经办人',
    'role.expert': '评审专家',
    'role.vendor': '供应商',
    'role.auditor': '审计人员',
    'signin.title': '登录',
    'signin.login': '登录名',
    'signin.password': '密码',
    'signin.submit': '登录',
    'signin.failed': '登录名或密码不正确。',
    'signin.locked': '失败次数过多，请 15 分钟后再试。',
    'password.title': '请设置新密码',
    'password.why': '这是一次性密码，首次登录须改为只有您知道的新密码。',
    'password.current': '当前密码',
    'password.new': '新密码',
    'password.new.hint': '至少 12 个字符，不能是登录名或常见密码。',
    'password.repeat': '再次输入新密码',
    'password.mismatch': '两次输入的新密码不一致。',
    'password.submit': '保存新密码',
    'password.done': '新密码已保存。',
    'home.title': '您好，{name}',
    'home.role': '身份：{role}',
    'home.screens': '可用的功能',
    'home.queue': '工作队列：待审核的申请、采购目录产品和从业人员',
    'home.none': '本身份的功能页面将陆续开放；目前可通过接口办理。',
    'queue.title': '工作队列',
    'queue.practitioners': '待审核的从业人员',
    'queue.applications': '待审核的申请',
    'queue.items': '待审核的采购目录产品',
    'queue.empty': '没有待审核的事项。',
    'queue.kind.listing': '入围申请',
    'queue.kind.qualification': '资质申请',
    'queue.expires': '到期',
    'queue.domestic.claimed': '声明为国产（批准即核验）',
    'queue.domestic.no': '非国产',
    'queue.col.kind': '类别',
    'queue.col.claim': '申报资质',
    'queue.col.evidence': '证明材料',
    'queue.col.submitted': '提交时间',
    'queue.col.category': '品目',
    'queue.col.item': '产品或服务',
    'queue.col.price': '单价',
    'queue.col.domestic': '国产声明',
    'queue.col.vendor': '供应商',
    'queue.col.name': '姓名',
    'queue.col.id': '身份证号',
    'queue.col.credentials': '证书',
    'queue.col.added': '申报时间',
    'queue.col.action': '审核',
    'queue.approve': '批准',
    'queue.reject': '驳回',
    'queue.reason': '驳回理由',
    'queue.reason.required': '驳回须说明理由。',
    'queue.approved': '已批准：{name}',
    'queue.rejected': '已驳回：{name}',
    'notfound.title': '页面不存在',
    'notfound.back': '回到首页',
    'forbidden': '您的身份不能使用此页面。',
    'error.generic': '操作未完成：{detail}',
    'error.network': '无法连接服务器，请检查网络后重试。',
    'signedout': '您已退出登录。',
  },
  en: {
    'app.title': 'Vendor Registry and Procurement',
    'app.skip': 'Skip to content',
    'lang.switch': '中文',
    'nav.home': 'Home',
    'nav.queue': 'Work queue',
    'nav.signout': 'Sign out',
    'role.bureau': 'Bureau',
    'role.officer': 'Procurement officer',
    'role.expert': 'Expert',
    'role.vendor': 'Vendor',
    'role.auditor': 'Auditor',
    'signin.title': 'Sign in',
    'signin.login': 'Login',
    'signin.password': 'Password',
    'signin.submit': 'Sign in',
    'signin.failed': 'The login or the password is wrong.',
    'signin.locked': 'Too many failures: try again in 15 minutes.',
    'password.title': 'Choose a new password',
    'password.why': 'This is a one-time password: choose one only you know before going on.',
    'password.current': 'Current password',
    'password.new': 'New password',
    'password.new.hint': 'At least 12 characters; not the login, not a common password.',
    'password.repeat': 'New password again',
    'password.mismatch': 'The two new passwords differ.',
    'password.submit': 'Save the new password',
    'password.done': 'The new password is saved.',
    'home.title': 'Hello, {name}',
    'home.role': 'Role: {role}',
    'home.screens': 'What you can do here',
    'home.queue': 'Work queue: applications, catalog items and practitioners to review',
    'home.none': 'The screens for this role are coming; meanwhile the API serves it.',
    'queue.title': 'Work queue',
    'queue.practitioners': 'Practitioners to review',
    'queue.applications': 'Applications to decide',
    'queue.items': 'Catalog items to review',
    'queue.empty': 'Nothing is waiting.',
    'queue.kind.listing': 'Listing',
    'queue.kind.qualification': 'Qualification',
    'queue.expires': 'expires',
    'queue.domestic.claimed': 'Claimed domestic (approval verifies it)',
    'queue.domestic.no': 'Not domestic',
    'queue.col.kind': 'Kind',
    'queue.col.claim': 'Qualification claimed',
    'queue.col.evidence': 'Evidence',
    'queue.col.submitted': 'Submitted',
    'queue.col.category': 'Category',
    'queue.col.item': 'Product or service',
    'queue.col.price': 'Unit price',
    'queue.col.domestic': 'Domestic claim',
    'queue.col.vendor': 'Vendor',
    'queue.col.name': 'Name',
    'queue.col.id': 'ID number',
    'queue.col.credentials': 'Certificates',
    'queue.col.added': 'Declared',
    'queue.col.action': 'Review',
    'queue.approve': 'Approve',
    'queue.reject': 'Reject',
    'queue.reason': 'Reason to reject',
    'queue.reason.required': 'Say why it is rejected.',
    'queue.approved': 'Approved: {name}',
    'queue.rejected': 'Rejected: {name}',
    'notfound.title': 'No such page',
    'notfound.back': 'Back to the home page',
    'forbidden': 'Your role cannot use this page.',
    'error.generic': 'Not done: {detail}',
    'error.network': 'The server cannot be reached; check the network and try again.',
    'signedout': 'You are signed out.',
  },
};

export function lang() {
  const chosen = localStorage.getItem('registry.lang');
  return chosen === 'en' ? 'en' : 'zh-CN';
}

export function setLang(l) {
  localStorage.setItem('registry.lang', l === 'en' ? 'en' : 'zh-CN');
}

export function t(key, vars = {}) {
  const text = catalogues[lang()][key] ?? catalogues['zh-CN'][key];
  if (text === undefined) throw new Error(`no message ${key}`);
  return text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

// Beijing time for every time shown: "2026-12-02 14:05".
export function formatTime(iso) {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

// Money arrives as a decimal string of yuan ("1250000.00"): shown as ¥1,250,000.00.
export function formatMoney(decimal) {
  const [whole, frac = '00'] = String(decimal).split('.');
  return `¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0')}`;
}
