// Words every page shares: the names of states, targets, urgencies and reasons a worker, a dispatcher
// and an auditor all read. Pages take them from here; the code → label tables come from
// contracts/labels.zh-CN.ts, which the CSV exports read as well.
import { codeLabelsZhCN } from '../../../../contracts/labels.zh-CN.js';

export const common = {
  product: '12345 热线工单网关',
  nav: {
    home: '首页',
    station: '网格工作站',
    dispatch: '派单调度台',
    audit: '考核看板',
    login: '登录',
    logout: '退出登录',
    skip: '跳到主要内容',
    notYourPage: '您打开的页面（{page}）仅供{roles}使用，已为您转到本人的页面。',
  },
  roles: {
    station: '网格员',
    dispatcher: '派单员',
    auditor: '考核员',
    supervisor: '督办员',
    admin: '运维管理员',
    source: '热线平台',
  },
  // The code → label tables live in contracts/labels.zh-CN.ts (the CSV exports read them too).
  ...codeLabelsZhCN,
  /** 联系诉求人: how the citizen was reached (contracts/actions.ts ContactMethod). */
  contactMethods: { phone: '电话', visit: '上门', sms: '短信', wechat: '微信' },
  time: {
    left: '剩余 {d}',
    overdue: '已超期 {d}',
    days: '{n}天',
    hours: '{n}小时',
    minutes: '{n}分钟',
  },
  errors: {
    network: '网络连接失败，请检查网络后重试。',
    sessionExpired: '登录已过期，请重新登录。',
    failed: '操作失败：{detail}',
    forbidden: '您没有权限进行此操作。',
  },
  actions: { retry: '重试', cancel: '取消', confirm: '确定', close: '关闭', save: '保存' },
  loading: '正在加载…',
  empty: '暂无数据',
  count: '共 {n} 件',
} as const;
