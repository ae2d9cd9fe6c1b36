// GeoReport v2 attribute values: `attribute[code]=value` (and `attribute[code][]=v` for a
// multivaluelist) answer the extra questions of a service definition. Only the service's own
// attributes are kept, bounded (20 codes, 500 characters a value, list keys from the definition),
// and stored on the order as extra.open311_attributes; a required one missing is a 400 naming it.
import { InboundProblem } from '../inbound-problem.js';
import type { Open311Service } from './services.js';

const field = /^attribute\[([^\]]{1,32})\](\[\])?$/;
const invalid = (path: string, message: string) =>
  new InboundProblem(400, 'validation_failed', 'The request is not valid', `${path}: ${message}`, [
    { path, message },
  ]);

export function readAttributes(
  fields: Record<string, string | string[] | undefined>,
  service: Open311Service,
): Record<string, string | string[]> {
  const given = new Map<string, string[]>();
  for (const [name, value] of Object.entries(fields)) {
    const m = field.exec(name);
    if (!m?.[1] || value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter(Boolean);
    given.set(m[1], [...(given.get(m[1]) ?? []), ...values]);
  }
  const out: Record<string, string | string[]> = {};
  for (const a of service.attributes) {
    const path = `attribute[${a.code}]`;
    const values = given.get(a.code) ?? [];
    if (values.length === 0) {
      if (a.required) throw invalid(path, `required: ${a.description}`);
      continue;
    }
    if (values.some((v) => v.length > 500)) throw invalid(path, 'at most 500 characters');
    if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') {
      const keys = new Set((a.values ?? []).map((v) => v.key));
      const bad = values.find((v) => !keys.has(v));
      if (bad !== undefined) throw invalid(path, `"${bad.slice(0, 40)}" is not one of its keys`);
    }
    if (a.datatype === 'number' && values.some((v) => !/^-?\d+(\.\d+)?$/.test(v)))
      throw invalid(path, 'a number');
    if (a.datatype === 'datetime' && values.some((v) => Number.isNaN(Date.parse(v))))
      throw invalid(path, 'an ISO 8601 date-time');
    if (a.datatype !== 'multivaluelist' && values.length > 1) throw invalid(path, 'one value');
    out[a.code] = a.datatype === 'multivaluelist' ? values.slice(0, 50) : (values[0] ?? '');
  }
  return out;
}
