// The station app's words for what others put on an order (督办 notices, 重复件 callers) and for the
// orders the station returned that wait for review (退单审核中). Shared labels live in common.ts.
export const stationNotices = {
  supervision: {
    heading: '督办提醒',
    level: '已升级为{level}',
    urges: '已被催办 {n} 次',
    urge: '催办',
    urgeByPolicy: '{target}时限已到（截止 {time}），请尽快办理。',
    reminder: '{target}时限将于 {time} 到期，请按时办结。',
    escalated: '{level}',
    byPolicy: '系统按时限自动升级',
    recent: '最近的督办通知',
  },
  duplicates: {
    heading: '重复来电（另有 {n} 位诉求人）',
    intro: '以下来电与本单为同一诉求，已并入本单；办结时请一并答复，每位诉求人都会单独回访。',
    receivedAt: '来电时间 {time}',
    number: '工单编号 {id}',
    call: '拨打 {phone}',
    isDuplicate: '本单为重复件，已并入工单 {id}，请在主单办理。',
  },
  returned: {
    heading: '退单审核中（{n}）',
    intro: '以下工单已退回，正在等待派单员审核，审核前不能操作；若被驳回，工单会回到本站。',
    state: '退单审核中',
    reason: '退单原因：{reason}',
    at: '退单时间 {time}',
  },
} as const;
