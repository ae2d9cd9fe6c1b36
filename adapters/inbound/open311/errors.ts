// GeoReport v2 errors: a list of {code, description}, as the spec has it — `<errors><error><code/>
// <description/></error></errors>` in XML, the same list as a JSON array. Open311 clients parse this
// shape, not RFC 9457; the gateway's problem `code` rides along in the description's first word.
import { z } from 'zod';
import { xmlList } from './xml-out.js';

export const Open311Error = z
  .object({
    code: z.number().int().describe('The HTTP status, as the spec examples have it'),
    description: z.string().describe('"<problem code>: <what went wrong>"'),
  })
  .meta({ id: 'Open311Error' });
export const Open311Errors = z.array(Open311Error).meta({ id: 'Open311Errors' });
export type Open311Error = z.infer<typeof Open311Error>;

export const open311ErrorContent = (
  format: 'json' | 'xml',
): Record<string, { schema: z.ZodType }> =>
  format === 'json'
    ? { 'application/json': { schema: Open311Errors } }
    : {
        'text/xml': {
          schema: z.string().describe('<errors><error><code/><description/></error>…</errors>'),
        },
      };

export const open311ErrorBody = (
  format: 'json' | 'xml',
  errors: readonly Open311Error[],
): string =>
  format === 'json'
    ? JSON.stringify(errors)
    : xmlList(
        'errors',
        'error',
        errors.map((e) => ({ ...e })),
      );
