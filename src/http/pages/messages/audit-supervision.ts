// The words of the dashboard's 督办 figures (client/audit/supervision-figures.ts), kept apart from the
// rest of the audit page's words so the two can change independently; audit.ts carries them.
export const supervisionFigures = {
  heading: '督办情况',
  lead: '本周期内发生的催办、督办与升级，按发生时承办的工作站统计；同一工单同类情况在一个周期内计一件。升级为按督办规则自动升级，督办为督办员人工督办。',
  urged: '催办件数',
  urges: '共催办 {n} 次',
  supervised: '督办件数',
  street: '升级至街道',
  district: '升级至区级',
  pieces: '{n} 件',
} as const;
