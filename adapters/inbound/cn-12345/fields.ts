// The field names of real 12345 exports (DOMAIN.md, docs/adapters.md) and the canonical field each
// fills. Names are matched after NFKC and traditional → simplified, so 工單編號 finds 工单编号.
export type CanonicalField =
  | 'externalId'
  | 'type'
  | 'topic'
  | 'title'
  | 'content'
  | 'caller.name'
  | 'caller.phone'
  | 'receivedAt'
  | 'location.district'
  | 'location.street'
  | 'location.community'
  | 'location.address'
  | 'location.divisionCode'
  | 'location.point.lat'
  | 'location.point.lng'
  | 'urgency'
  | 'channel'
  | 'attachments'
  | 'handling.nature'
  | 'handling.leadUnit'
  | 'handling.assistUnits';

export const fieldNames: Record<CanonicalField, readonly string[]> = {
  externalId: ['工单编号', '工单号', '工单编码'],
  type: ['工单类型', '诉求类型', '来电类型'],
  topic: ['问题分类', '诉求分类', '事项分类'],
  title: ['标题', '工单标题', '诉求标题'],
  content: ['主要内容', '诉求内容', '来电内容', '反映内容'],
  // Contact columns, in order of preference when an export has several (the others stay in extra,
  // where readers who must not call the citizen see them masked).
  'caller.name': [
    '来电人',
    '诉求人',
    '反映人',
    '来电人姓名',
    '诉求人姓名',
    '联系人',
    '联系人姓名',
    '姓名',
  ],
  'caller.phone': [
    '来电号码',
    '联系电话',
    '来电电话',
    '诉求人电话',
    '手机号码',
    '手机号',
    '联系方式',
    '联系号码',
    '回访电话',
  ],
  receivedAt: ['来电时间', '受理时间', '登记时间'],
  'location.district': ['被反映区', '所属区'],
  'location.street': ['被反映街乡镇', '街乡镇', '所属街道'],
  'location.community': ['村/社区', '村社区', '所属社区'],
  'location.address': [
    '小区点位',
    '详细地址',
    '事发地址',
    '事发地点',
    '问题地点',
    '发生地点',
    '地址',
  ],
  'location.divisionCode': ['区划代码', '行政区划代码'],
  'location.point.lat': ['纬度'],
  'location.point.lng': ['经度'],
  urgency: ['紧急程度', '缓急程度'],
  channel: ['来源渠道', '受理渠道'],
  attachments: ['附件', '附件地址'],
  // 主办/协办: what this unit is on the platform's order, who leads it, who assists.
  'handling.nature': ['工单性质', '办理性质'],
  'handling.leadUnit': ['主办单位'],
  'handling.assistUnits': ['协办单位'],
};

/** A name's place in its field's list: lower is preferred when two columns fill the same field. */
export const fieldPreference: ReadonlyMap<string, number> = new Map(
  Object.values(fieldNames).flatMap((names) => names.map((n, i) => [n, i] as const)),
);

export const fieldByName: ReadonlyMap<string, CanonicalField> = new Map(
  Object.entries(fieldNames).flatMap(([field, names]) =>
    names.map((n) => [n, field as CanonicalField] as const),
  ),
);
