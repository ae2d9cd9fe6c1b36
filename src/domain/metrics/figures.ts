// From summed counters and histograms to the figures auditors read: the three rates over valid
// callbacks (DOMAIN.md), the composite, on-time and return/reopen/extension rates, durations.
import type { AssessmentConfig } from '../../../contracts/metrics.js';
import type { Counters } from './contribution.js';

const ratio = (n: number | undefined, d: number | undefined): number | null =>
  d ? Math.round(((n ?? 0) / d) * 1e6) / 1e6 : null;

export function rates(c: Counters, config: AssessmentConfig) {
  const valid = c.valid ?? 0;
  const responseRate = ratio(c.contacted, valid);
  const resolutionRate = ratio(c.solved, valid);
  const satisfactionRate = valid
    ? Math.round(
        (((c.satisfied ?? 0) + config.basicallySatisfiedFactor * (c.basic ?? 0)) / valid) * 1e6,
      ) / 1e6
    : null;
  const w = config.weights;
  const composite =
    responseRate === null || resolutionRate === null || satisfactionRate === null
      ? null
      : Math.round(
          (w.response * responseRate +
            w.resolution * resolutionRate +
            w.satisfaction * satisfactionRate) *
            1e6,
        ) / 1e6;
  return { validCallbacks: valid, responseRate, resolutionRate, satisfactionRate, composite };
}

export function otherRates(c: Counters) {
  return {
    onTimeAcceptanceRate: ratio(c.acceptedOnTime, c.accepted),
    onTimeResolutionRate: ratio(c.resolvedOnTime, c.resolved),
    returnRate: ratio(c.returned, c.received),
    reopenRate: ratio(c.reopened, c.received),
    extensionRate: ratio(c.extended, c.received),
  };
}

/** 退单审核: the returns of the period by their review. */
export function returnReview(c: Counters) {
  return {
    awaitingReview: c.returnsPending ?? 0,
    accepted: c.returnsAccepted ?? 0,
    rejected: c.returnsRejected ?? 0,
  };
}

/** 督办: orders urged (and 催办 notices), supervised by hand, escalated to the street and the district. */
export function supervision(c: Counters) {
  return {
    urgedOrders: c.urgedOrders ?? 0,
    urges: c.urges ?? 0,
    supervisedOrders: c.supervisedOrders ?? 0,
    escalatedToStreet: c.escalatedStreet ?? 0,
    escalatedToDistrict: c.escalatedDistrict ?? 0,
  };
}

/** Mean from the exact sum; median and p90 by nearest rank over 0.1-hour buckets. */
export function durations(
  n: number | undefined,
  sumSeconds: number | undefined,
  hist: ReadonlyMap<number, number>,
) {
  const count = n ?? 0;
  if (count === 0) return { count: 0, mean: null, median: null, p90: null };
  const sorted = [...hist].sort((a, b) => a[0] - b[0]);
  const rank = (q: number) => {
    const target = Math.ceil(q * count);
    let seen = 0;
    for (const [bucket, k] of sorted) {
      seen += k;
      if (seen >= target) return bucket / 10;
    }
    return (sorted.at(-1)?.[0] ?? 0) / 10;
  };
  return {
    count,
    mean: Math.round(((sumSeconds ?? 0) / 3600 / count) * 100) / 100,
    median: rank(0.5),
    p90: rank(0.9),
  };
}

export function sumCounters(all: Iterable<Counters>): Counters {
  const out: Counters = {};
  for (const c of all)
    for (const [k, v] of Object.entries(c) as [keyof Counters, number][])
      out[k] = (out[k] ?? 0) + v;
  return out;
}
