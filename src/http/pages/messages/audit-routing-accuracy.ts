// The words of the dashboard's 派单准确率 section (client/audit/routing-accuracy.ts), kept apart from
// the rest of the audit page's words so the two can change independently; audit.ts carries them.
export const routingAccuracy = {
  heading: '派单准确率',
  lead: '系统自动派单后，被承办单位以“属地不符”退回或由派单员改派的，计为派错。准确率 =（自动派单 − 派错）÷ 自动派单。统计全部工单，不限考核周期。',
  byLabel: '查看方式',
  // Not 按区县/按工作站: the ranking's buttons say that, and each button's name must be its own.
  by: { byRule: '各派单规则', byPlace: '各区县', byStation: '各工作站' },
  name: { byRule: '派单规则', byPlace: '区县', byStation: '工作站' },
  routed: '自动派单',
  wrong: '派错',
  accuracy: '准确率',
  rules: {
    division_code: '按区划代码',
    address: '按地址识别',
    topic: '按诉求分类',
    unknown: '未记录规则',
  },
  unknownPlace: '未识别区县',
  empty: '暂无自动派单的工单。',
  table: '{by}派单准确率',
  // The scrolling table's own name: a landmark may not share its card's (axe landmark-unique).
  region: '派单准确率表',
} as const;
