// Open311 paths end in the format (services/{code}.json, requests/{id}.xml): the router hands the
// whole segment over as `file`, while the document names the part before the suffix. The route
// declares `{ <name>: rule }`; this reads `file` through that same schema after taking the suffix
// off, so a malformed value is a 400 naming path.<name> (as GeoReport errors, ./respond.ts).
import { z } from 'zod';
import type { Format } from './respond.js';

export function suffixed<S extends z.ZodObject>(declared: S, format: Format) {
  const name = Object.keys(declared.shape)[0] ?? 'file';
  const suffix = `.${format}`;
  return z
    .object({ file: z.string() })
    .transform(({ file }, ctx): Record<string, unknown> => {
      if (!file.endsWith(suffix))
        ctx.addIssue({ code: 'custom', path: [name], message: `must end in ${suffix}` });
      return { [name]: file.slice(0, -suffix.length) };
    })
    .pipe(declared);
}
