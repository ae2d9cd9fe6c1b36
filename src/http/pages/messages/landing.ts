// The landing page (/) and the login page (/login).
export const landing = {
  title: '12345 热线工单网关',
  lead: '接收 12345 热线平台推送的工单，统一格式后派发到网格工作站，跟踪签收、响应、办结时限直至回访。',
  roles: {
    station: {
      title: '网格工作站',
      text: '社区网格员在手机上签收、联系诉求人、办理、办结工单。',
    },
    dispatch: {
      title: '派单调度台',
      text: '派单员处理无法自动派发的工单，审核退单和延期申请，查看超期工单。',
    },
    audit: {
      title: '考核看板',
      text: '考核员查看响应率、解决率、满意率、排名、超期和不满意工单。',
    },
    supervision: {
      title: '督办台',
      text: '督办员查看本辖区升级督办的超期工单，对承办单位催办、挂牌督办。',
    },
    admin: {
      title: '账号管理',
      text: '运维管理员为网格员、派单员、考核员和督办员开设、停用个人账号，重置密码。',
    },
  },
  login: '登录',
  go: '进入',
  signedInAs: '当前登录：{name}（{role}）',
  machines: '热线平台和工作站系统通过 API 对接：',
  apiDocs: '接口文档',
  notFound: {
    title: '页面不存在',
    text: '您访问的地址不存在，可能是输入有误，或页面已经移动。',
    home: '返回首页',
  },
} as const;

export const login = {
  title: '登录',
  account: '账号',
  password: '密码',
  submit: '登录',
  submitting: '正在登录…',
  failed: '登录失败：{detail}',
  hint: '使用个人账号登录。忘记密码请联系运维管理员重置。',
  demoHint: '演示环境账号见 README（密码 demo12345）。',
} as const;
