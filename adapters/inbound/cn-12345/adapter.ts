// cn-12345: the Chinese-field exports of 12345 platforms, as JSON, form or XML, in UTF-8, GBK or
// GB18030. Field names are matched after folding (NFKC, traditional → simplified); unmapped fields
// are kept in `extra` under the name they were sent with.
import type { QualityNote } from '../../../contracts/quality.js';
import { jsonValue } from '../../../contracts/json-body.js';
import { InboundProblem } from '../inbound-problem.js';
import { convertToSimplified } from '../../../src/domain/text/repair-traditional.js';
import { declaredCharset, mediaType, type Charset } from '../content-type.js';
import { decodeBody } from '../decode-body.js';
import { parseForm } from '../form-urlencoded.js';
import type { InboundAdapter, InboundResult } from '../inbound-adapter.js';
import { parseXml, xmlDeclaredEncoding } from '../safe-xml.js';
import { fieldByName, fieldPreference, type CanonicalField } from './fields.js';
import {
  attachmentList,
  beijingTime,
  channel,
  coordinate,
  handlingNature,
  requestType,
  text,
  topicPath,
  unitList,
  unitName,
  urgency,
} from './values.js';

const JSON_TYPES = ['application/json'];
const FORM_TYPES = ['application/x-www-form-urlencoded'];
const XML_TYPES = ['application/xml', 'text/xml'];
/** Fields that name the platform itself: checked against the calling key, never kept in extra. */
const sourceNames = new Set(['source']);
/** Wrappers platforms put around one order: {"工单": {...}}, <工单列表><工单>...</工单></工单列表>. */
const WRAPPERS = new Set([
  '工单',
  '工单信息',
  '工单列表',
  'data',
  'order',
  'workorder',
  'root',
  'request',
]);

const convert: Partial<Record<CanonicalField, (v: unknown) => unknown>> = {
  type: requestType,
  urgency,
  channel,
  topic: topicPath,
  receivedAt: beijingTime,
  attachments: attachmentList,
  'handling.nature': handlingNature,
  'handling.leadUnit': unitName,
  'handling.assistUnits': unitList,
  'location.point.lat': coordinate,
  'location.point.lng': coordinate,
};

function unwrap(value: unknown, depth = 0): unknown {
  if (depth < 3 && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && WRAPPERS.has(convertToSimplified(keys[0] ?? '').toLowerCase()))
      return unwrap((value as Record<string, unknown>)[keys[0] ?? ''], depth + 1);
  }
  return value;
}

function decodeStructured(
  body: Uint8Array,
  contentType: string,
): { fields: unknown; quality: QualityNote[] } {
  const mime = mediaType(contentType);
  if (FORM_TYPES.includes(mime)) return parseForm(body, declaredCharset(contentType));
  let declared: Charset | undefined = declaredCharset(contentType);
  if (XML_TYPES.includes(mime)) {
    const fromDecl = xmlDeclaredEncoding(body);
    if (declared === undefined && fromDecl !== undefined)
      declared = declaredCharset(`;charset=${fromDecl}`, 'xml.encoding');
    const { text: xml, quality } = decodeBody(body, declared);
    return { fields: parseXml(xml), quality };
  }
  const { text: json, quality } = decodeBody(body, declared);
  return { fields: jsonValue(json, 'A work order is required'), quality };
}

function set(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = target;
  for (const p of parts.slice(0, -1)) {
    const next = at[p];
    at = (next !== null && typeof next === 'object' ? next : (at[p] = {})) as Record<
      string,
      unknown
    >;
  }
  at[parts.at(-1) ?? path] = value;
}

export const cn12345Adapter: InboundAdapter = {
  name: 'cn-12345',
  mediaTypes: [...JSON_TYPES, ...FORM_TYPES, ...XML_TYPES],
  parse(body: Uint8Array, contentType: string): InboundResult {
    const { fields, quality } = decodeStructured(body, contentType);
    const record = unwrap(fields);
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new InboundProblem(
        400,
        'validation_failed',
        'The request is not valid',
        'Expected one work order: an object of 12345 fields (工单编号, 工单类型, 标题 …)',
        [{ path: '(body)', message: 'expected an object of 12345 fields' }],
      );
    }
    const submission: Record<string, unknown> = {};
    const extra: [string, unknown][] = [];
    const labels: Record<string, string> = {};
    const ranks = new Map<string, { rank: number; name: string; value: unknown }>();
    let traditionalNames = false;
    let source: InboundResult['source'];
    for (const [name, value] of Object.entries(record as Record<string, unknown>)) {
      const folded = name.normalize('NFKC').replace(/\s+/gu, '');
      // The canonical `source` names the platform; the key decides whether it may speak for it.
      if (sourceNames.has(folded.toLowerCase())) {
        source = {
          value: Array.isArray(value) && value.length === 1 ? value[0] : value,
          label: name,
        };
        continue;
      }
      const simplified = convertToSimplified(folded);
      const known = fieldByName.has(simplified) ? simplified : folded;
      const field = fieldByName.get(known);
      if (field === undefined) {
        extra.push([name, value]);
        continue;
      }
      // Two columns for one field (来电号码 and 回访电话): the preferred one fills it, the other is kept.
      const rank = fieldPreference.get(known) ?? 0;
      const held = ranks.get(field);
      if (held !== undefined && held.rank <= rank) {
        extra.push([name, value]);
        continue;
      }
      if (held !== undefined) extra.push([held.name, held.value]);
      ranks.set(field, { rank, name, value });
      if (simplified !== folded) traditionalNames = true;
      labels[field] = name;
      const scalar =
        Array.isArray(value) && value.length === 1 && field !== 'attachments' && field !== 'topic'
          ? (value as unknown[])[0]
          : value;
      set(submission, field, (convert[field] ?? text)(scalar));
    }
    // fromEntries: a field named "__proto__" stays an ordinary field.
    if (extra.length > 0) submission.extra = Object.fromEntries(extra);
    if (submission.location === undefined) submission.location = {};
    if (traditionalNames)
      quality.push({
        flag: 'field_names_traditional',
        field: 'body',
        detail: 'field names arrived in traditional characters',
      });
    return { submission, quality, labels, ...(source !== undefined ? { source } : {}) };
  },
};
