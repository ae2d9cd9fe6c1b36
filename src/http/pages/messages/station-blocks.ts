// Why the station app shows an action it cannot take yet: the worker reads the reason beside the
// greyed button instead of tapping it and meeting a refusal.
export const stationBlocks = {
  resolve: '协办单位尚未反馈（{names}），须待其反馈协办意见或由分拨员结束协办后才能办结。',
  extension: '办结时限（{deadline}）已过，延期须在时限前申请。请尽快办结，或联系分拨员。',
};
