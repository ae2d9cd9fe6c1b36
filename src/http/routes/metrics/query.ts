// The query every metrics route shares: a period, an optional unit (district, street or station) and
// filters by request type and topic; an auditor limited to a scope is held inside it.
import { scopeOf } from '../../../usecases/access.js';
import { z } from 'zod';
import { RequestType } from '../../../../contracts/order.js';
import { isPeriodId } from '../../../domain/metrics/period.js';
import type { MetricsFilter } from '../../../ports/metrics-store.js';
import { stationCode } from '../../../usecases/place-code.js';
import type { AppDeps } from '../../deps.js';
import type { Principal } from '../../principal.js';
import { HttpProblem } from '../../problem.js';

export const MetricsQuery = z.object({
  period: z.string().refine(isPeriodId, 'a period id like 2026-03'),
  district: z
    .string()
    .regex(/^\d{6}$/, '6-digit district code')
    .optional(),
  street: z
    .string()
    .regex(/^\d{9}$/, '9-digit street code')
    .optional(),
  station: z.string().max(64).optional(),
  type: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const parts = s.split(',');
      for (const t of parts)
        if (!RequestType.safeParse(t).success)
          ctx.addIssue({
            code: 'custom',
            message: `unknown type ${t}; one of ${RequestType.options.join(', ')}`,
          });
      return parts;
    }),
  topic: z.string().max(64).optional().describe('First level of 问题分类'),
});
export type MetricsQuery = z.infer<typeof MetricsQuery>;

/** The rollup filter for this caller: a scoped auditor gets their scope, and nothing outside it. */
export function scopedFilter(
  p: Principal,
  q: MetricsQuery,
  deps: Pick<AppDeps, 'places'>,
): MetricsFilter {
  const filter: MetricsFilter = {
    period: q.period,
    district: q.district,
    street: q.street,
    station: q.station,
    types: q.type,
    topic: q.topic,
  };
  if (q.station !== undefined && !deps.places.station(q.station))
    throw new HttpProblem(404, 'not_found', 'Not found', 'No such station');
  const scope = scopeOf(p);
  if (scope === undefined) return filter;
  const asked = [
    q.district,
    q.street,
    q.station === undefined ? undefined : (stationCode(deps.places, q.station) ?? ''),
  ].filter((x): x is string => x !== undefined);
  for (const code of asked) {
    if (!code.startsWith(scope) && !scope.startsWith(code))
      throw new HttpProblem(
        403,
        'outside_scope',
        'Outside your scope',
        `This key sees only ${scope}`,
      );
  }
  const narrower = (a: string | undefined) => a !== undefined && a.length >= scope.length;
  if (scope.length === 6 && !narrower(q.district)) filter.district = scope;
  if (scope.length === 9 && !narrower(q.street)) filter.street = scope;
  return filter;
}
