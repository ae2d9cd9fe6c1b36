// The message catalogue of problem details: for each stable code a title (and where it helps a person,
// a detail) in zh-CN and en. People using the pages read Chinese; machines read the code. English
// titles raised with a specific text in the code (HttpProblem) keep that text.

export type ProblemLanguage = 'zh-CN' | 'en';

export interface MessageContext {
  /** For state conflicts: the state the order is in. */
  state?: string | undefined;
  /** For limits and lockouts: seconds to wait. */
  retryAfterSeconds?: number | undefined;
}

export interface ProblemMessage {
  title: string;
  detail?: string | ((ctx: MessageContext) => string);
}

type Catalogue = Record<string, { 'zh-CN': ProblemMessage; en?: ProblemMessage }>;

const wait = (ctx: MessageContext): string => {
  const s = ctx.retryAfterSeconds ?? 60;
  return s >= 120 ? `${Math.ceil(s / 60)} 分钟` : `${s} 秒`;
};

export const problemMessages: Catalogue = {
  // Who is calling
  unauthenticated: {
    'zh-CN': { title: '请先登录', detail: '未登录或登录已过期，请重新登录。' },
  },
  forbidden: {
    'zh-CN': { title: '无权执行此操作', detail: '您的账号角色不能使用此功能。' },
  },
  csrf_failed: {
    'zh-CN': { title: '请求校验失败', detail: '页面已过期，请刷新页面后重试。' },
  },
  source_mismatch: {
    'zh-CN': { title: '不能代其他热线平台提交工单', detail: '此密钥只能提交本平台的工单。' },
    en: { title: 'This key submits for its own source only' },
  },
  outside_scope: {
    'zh-CN': { title: '超出您的管辖范围', detail: '您只能查看本辖区的数据。' },
  },
  // Accounts and sessions
  login_failed: {
    'zh-CN': {
      title: '账号或密码错误',
      detail: '账号或密码错误，请检查后重新输入；连续多次错误将暂时锁定。',
    },
    en: { title: 'Wrong account or password' },
  },
  login_locked: {
    'zh-CN': {
      title: '登录失败次数过多',
      detail: (ctx) => `为保护账号安全，请 ${wait(ctx)}后再试。`,
    },
    en: { title: 'Too many failed logins' },
  },
  account_disabled: {
    'zh-CN': { title: '账号已停用', detail: '此账号已被停用，请联系管理员。' },
    en: { title: 'This account is disabled' },
  },
  account_exists: {
    'zh-CN': { title: '账号已存在', detail: '请换一个账号名。' },
    en: { title: 'The account exists already' },
  },
  account_not_found: {
    'zh-CN': { title: '账号不存在' },
    en: { title: 'No such account' },
  },
  accounts_unavailable: {
    'zh-CN': { title: '账号登录未启用', detail: '此网关未配置账号存储，请使用 API 密钥。' },
  },
  // Request shape
  validation_failed: {
    'zh-CN': { title: '请求内容有误' },
    en: { title: 'The request is not valid' },
  },
  body_too_large: { 'zh-CN': { title: '请求内容过大' } },
  body_unreadable: { 'zh-CN': { title: '无法读取请求内容', detail: '连接中断或内容不完整。' } },
  unsupported_media_type: { 'zh-CN': { title: '不支持的内容类型' } },
  unsupported_charset: { 'zh-CN': { title: '不支持的字符集', detail: 'JSON 须为 UTF-8 编码。' } },
  invalid_encoding: { 'zh-CN': { title: '请求内容不是有效的 UTF-8 编码' } },
  malformed_json: { 'zh-CN': { title: 'JSON 格式错误' } },
  empty_body: { 'zh-CN': { title: '请求内容为空' } },
  route_not_found: { 'zh-CN': { title: '接口不存在' } },
  // Orders
  not_found: {
    'zh-CN': { title: '未找到', detail: '该工单不存在，或您无权查看。' },
    en: { title: 'Not found' },
  },
  state_conflict: {
    'zh-CN': {
      title: '工单当前状态不允许此操作',
      detail: (ctx) =>
        ctx.state ? `工单当前状态：${ctx.state}。请刷新后再试。` : '请刷新后再试。',
    },
    en: { title: 'Not allowed in the current state' },
  },
  version_conflict: {
    'zh-CN': { title: '工单已被更新', detail: '其他人刚刚处理了此工单，请刷新后再试。' },
    en: { title: 'The order changed meanwhile' },
  },
  idempotency_conflict: {
    'zh-CN': { title: '幂等键重复但请求内容不同' },
    en: { title: 'Idempotency-Key reused with a different body' },
  },
  unknown_station: {
    'zh-CN': { title: '未知的工作站' },
    en: { title: 'Unknown station' },
  },
  same_route_after_return: {
    'zh-CN': { title: '该工作站已以“属地不符”退回此工单', detail: '请改派到其他工作站。' },
    en: { title: 'That station already returned the order as 属地不符' },
  },
  extension_not_allowed: {
    'zh-CN': { title: '当前不能申请延期' },
    en: { title: 'Extension not allowed now' },
  },
  callback_window_closed: {
    'zh-CN': { title: '回访期限已过' },
    en: { title: 'The callback window has closed' },
  },
  // Service
  rate_limited: {
    'zh-CN': { title: '请求过于频繁', detail: (ctx) => `请 ${wait(ctx)}后再试。` },
  },
  unavailable: {
    'zh-CN': { title: '服务暂时不可用', detail: '请稍后重试。' },
    en: { title: 'Temporarily unavailable' },
  },
  not_ready: { 'zh-CN': { title: '服务尚未就绪', detail: '请稍后重试。' } },
  core_unavailable: { 'zh-CN': { title: '核心服务暂时不可用', detail: '请稍后重试。' } },
  webhooks_disabled: { 'zh-CN': { title: '状态推送未启用' } },
  signature_not_configured: { 'zh-CN': { title: '未配置签名密钥' } },
  edge_handoff_disabled: { 'zh-CN': { title: '边缘接入未启用' } },
  internal: {
    'zh-CN': { title: '服务器内部错误', detail: '发生意外错误，已按请求编号记录，请稍后重试。' },
    en: {
      title: 'Internal error',
      detail: 'An unexpected error occurred; it has been logged with this request id',
    },
  },
};

/** The language a caller prefers, from Accept-Language (q-values honoured); English by default. */
export function problemLanguage(acceptLanguage: string | undefined): ProblemLanguage {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0 && (x.tag.startsWith('zh') || x.tag.startsWith('en')))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.tag.startsWith('zh') ? 'zh-CN' : 'en';
}

export function messageFor(
  code: string,
  lang: ProblemLanguage,
  ctx: MessageContext = {},
): { title: string; detail?: string } | undefined {
  const m = problemMessages[code]?.[lang];
  if (!m) return undefined;
  const detail = typeof m.detail === 'function' ? m.detail(ctx) : m.detail;
  return { title: m.title, ...(detail !== undefined ? { detail } : {}) };
}
