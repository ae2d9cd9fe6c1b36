// Value vocabularies of 12345 exports, turned into canonical values. Unknown words are passed on
// unchanged so the contract check names the field and lists the allowed values.
import { convertToSimplified } from '../../../src/domain/text/repair-traditional.js';

const typeWords: Record<string, string> = {
  咨询: 'consultation',
  求助: 'help',
  投诉: 'complaint',
  举报: 'report',
  建议: 'suggestion',
  表扬: 'praise',
  感谢: 'praise',
  '表扬/感谢': 'praise',
  表扬感谢: 'praise',
  其他: 'other',
};
const urgencyWords: Record<string, string> = {
  一般: 'normal',
  普通: 'normal',
  正常: 'normal',
  紧急: 'urgent',
  加急: 'urgent',
  急: 'urgent',
  特急: 'emergency',
  特别紧急: 'emergency',
  特提: 'emergency',
  特急件: 'emergency',
};
const channelWords: Record<string, string> = {
  电话: 'phone',
  热线: 'phone',
  '12345热线': 'phone',
  来电: 'phone',
  app: 'app',
  手机app: 'app',
  客户端: 'app',
  网站: 'web',
  网页: 'web',
  门户网站: 'web',
  微信: 'wechat',
  微信公众号: 'wechat',
  小程序: 'wechat',
  短信: 'sms',
  邮件: 'email',
  电子邮件: 'email',
  其他: 'other',
};

const lookup = (table: Record<string, string>, key: string): string | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;
/** Vocabulary words may arrive in traditional characters too (緊急 → 紧急). */
const word =
  (table: Record<string, string>) =>
  (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    const w = v.normalize('NFKC').trim();
    return lookup(table, w.toLowerCase()) ?? lookup(table, convertToSimplified(w)) ?? w;
  };
/** 工单性质 (DOMAIN.md): 主办 / 协办 / 转办. */
const natureWords: Record<string, string> = {
  主办: 'lead',
  主办件: 'lead',
  协办: 'assist',
  协办件: 'assist',
  转办: 'transfer',
  转办件: 'transfer',
};
const nature = word(natureWords);
/** An empty 工单性质 or 主办单位 column says nothing (exports leave them blank). */
export const handlingNature = (v: unknown): unknown => (v === '' ? undefined : nature(v));
export const unitName = (v: unknown): unknown =>
  typeof v === 'string' && v.trim() === '' ? undefined : text(v);

/** 协办单位 as "A、B", "A,B", "A；B" or an array. */
export function unitList(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(text);
  if (typeof v !== 'string') return v;
  return v
    .split(/[、,，;；\n]/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export const requestType = word(typeWords);
export const urgency = word(urgencyWords);
export const channel = word(channelWords);

/** 问题分类 as "供电>停电", "供电/停电", "供电-停电" or an array. */
export function topicPath(v: unknown): unknown {
  if (Array.isArray(v)) return v;
  if (typeof v !== 'string') return v;
  return v
    .split(/\s*[>＞/／|｜→]\s*|\s+-\s+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * 来电时间: exports write Beijing time without a zone ("2025-07-27 04:30:00", "2025/7/27 4:30",
 * "2025年7月27日 04时30分"); China has one zone and no DST, so +08:00 is exact. A time that already
 * carries an offset is kept; anything else is passed on for the contract to refuse by name.
 */
export function beijingTime(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) && /^\d{4}-\d{2}-\d{2}T/.test(s)) return s;
  const m =
    /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2}))?秒?)?$/u.exec(
      s.replace(/分$/u, ''),
    );
  if (!m) return s;
  const pad = (x: string | undefined) => (x ?? '0').padStart(2, '0');
  return `${m[1]}-${pad(m[2])}-${pad(m[3])}T${pad(m[4])}:${pad(m[5])}:${pad(m[6])}+08:00`;
}

/** Text fields: exports write numbers for ids and phones; anything but a string or number is refused later. */
export function text(v: unknown): unknown {
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
}

export function coordinate(v: unknown): unknown {
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return v;
}

/** 附件: an array, or URLs separated by spaces, commas, semicolons or line breaks. */
export function attachmentList(v: unknown): unknown {
  const urls: unknown = Array.isArray(v)
    ? (v as unknown[])
    : typeof v === 'string'
      ? v.split(/[\s,;，；]+/u).filter((s) => s !== '')
      : v;
  return Array.isArray(urls)
    ? (urls as unknown[]).map((u) => (typeof u === 'string' ? { url: u } : u))
    : urls;
}
