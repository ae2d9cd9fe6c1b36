// The Open311 service list: which GeoReport service_code means which 问题分类 and 诉求类型. Operator
// data (topic lists differ by city): these defaults follow the topics of DOMAIN.md and the stories;
// an operator replaces them with open311-services.json in the configuration directory.

// The schemas are contracts (an operator's service file is checked against them at start).
export {
  Open311Attribute,
  Open311Service,
  Open311ServicesFile,
} from '../../../contracts/open311.js';
import { Open311ServicesFile, type Open311Service } from '../../../contracts/open311.js';

export const defaultOpen311Services: Open311Service[] = Open311ServicesFile.parse({
  services: [
    {
      service_code: 'power-outage',
      service_name: '停电',
      description: '住宅或小区停电、电压异常',
      group: '供电',
      keywords: ['供电', '停电'],
      topic: ['供电', '停电'],
      requestType: 'help',
      attributes: [
        {
          code: 'extent',
          datatype: 'singlevaluelist',
          required: false,
          description: '停电范围 How far does the outage reach?',
          order: 1,
          values: [
            { key: 'home', name: '本户 this home' },
            { key: 'building', name: '本楼 this building' },
            { key: 'compound', name: '整个小区 the whole compound' },
          ],
        },
      ],
    },
    {
      service_code: 'streetlight',
      service_name: '路灯不亮',
      description: '路灯损坏、不亮',
      group: '市政设施',
      keywords: ['路灯'],
      topic: ['市政设施', '路灯'],
      requestType: 'report',
    },
    {
      service_code: 'sewer-blocked',
      service_name: '下水道堵塞',
      description: '下水道、化粪井堵塞或反水',
      group: '排水',
      keywords: ['下水道', '堵塞'],
      topic: ['排水', '下水道堵塞'],
      requestType: 'help',
    },
    {
      service_code: 'roof-leak',
      service_name: '房屋漏水',
      description: '屋顶、天沟或楼上渗漏',
      group: '房屋',
      keywords: ['漏水'],
      topic: ['房屋', '漏水'],
      requestType: 'help',
    },
    {
      service_code: 'access-control',
      service_name: '门禁故障',
      description: '楼门门禁损坏',
      group: '物业管理',
      keywords: ['门禁', '物业'],
      topic: ['物业管理', '门禁'],
      requestType: 'complaint',
    },
    {
      service_code: 'noise',
      service_name: '噪音扰民',
      description: '施工、设备或发电车噪音',
      group: '噪音',
      keywords: ['噪音'],
      topic: ['噪音'],
      requestType: 'complaint',
    },
    {
      service_code: 'heating',
      service_name: '供暖问题',
      description: '暖气不热、停暖',
      group: '供暖',
      keywords: ['供暖'],
      topic: ['供暖'],
      requestType: 'complaint',
    },
    {
      service_code: 'other',
      service_name: '其他',
      description: '其他诉求',
      group: '其他',
      keywords: [],
      topic: ['其他'],
      requestType: 'other',
    },
  ],
}).services;

/** The service an order belongs to: the longest topic prefix that matches, else none. */
export function serviceForTopic(
  services: readonly Open311Service[],
  topic: readonly string[],
): Open311Service | undefined {
  let best: Open311Service | undefined;
  for (const s of services) {
    if (
      s.topic.length <= topic.length &&
      s.topic.every((t, i) => topic[i] === t) &&
      (!best || s.topic.length > best.topic.length)
    )
      best = s;
  }
  return best;
}
