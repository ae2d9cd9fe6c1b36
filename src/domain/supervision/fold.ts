// The order's 督办 record, folded from its events like the rest of the view: how many 催办 notices,
// every escalation with who made it, and the level the current cycle has reached (a reopened order
// starts its new cycle unescalated; the history stays).
import type { OrderEvent } from '../../../contracts/events.js';
import type { SupervisionLevel } from '../../../contracts/sla.js';
import type { SupervisionView } from '../../../contracts/views.js';

const rank: Record<SupervisionLevel, number> = { street: 1, district: 2 };

/** The higher of two levels; absent counts lowest. */
export function higherLevel(
  a: SupervisionLevel | undefined,
  b: SupervisionLevel | undefined,
): SupervisionLevel | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return rank[b] > rank[a] ? b : a;
}

/** Does an order at `level` reach a queue for `wanted` (a district queue holds district orders only)? */
export const reaches = (level: SupervisionLevel | undefined, wanted: SupervisionLevel): boolean =>
  level !== undefined && rank[level] >= rank[wanted];

/** 'policy' for the SLA sweeper, else the person (or principal) who acted by hand. */
const byOf = (e: OrderEvent): string =>
  e.actor.role === 'system' ? 'policy' : (e.actor.account?.name ?? e.actor.id);

const empty = (at: string): SupervisionView => ({ urges: 0, lastAt: at, escalations: [] });

export function evolveSupervision(
  current: SupervisionView | undefined,
  e: OrderEvent,
): SupervisionView | undefined {
  const d = e.data;
  const base = current ?? empty(e.at);
  switch (d.type) {
    case 'supervision.reminded':
      return { ...base, lastAt: e.at };
    case 'supervision.urged': {
      const station = d.stationId !== undefined ? { stationId: d.stationId } : {};
      // The note by hand, so the 督办记录 can show what the station was told (the policy writes none).
      const note = d.note !== undefined ? { note: d.note } : {};
      return {
        ...base,
        urges: base.urges + 1,
        urged: [...(base.urged ?? []), { at: e.at, by: byOf(e), ...note, ...station }],
        lastAt: e.at,
      };
    }
    case 'supervision.escalated': {
      const level = higherLevel(base.level, d.level);
      const by = byOf(e);
      return {
        ...base,
        ...(level ? { level } : {}),
        lastAt: e.at,
        escalations: [
          ...base.escalations,
          {
            level: d.level,
            at: e.at,
            by,
            ...(d.note !== undefined ? { note: d.note } : {}),
            ...(d.stationId !== undefined ? { stationId: d.stationId } : {}),
          },
        ],
      };
    }
    case 'order.reopened': {
      if (!current) return current;
      const { level: _old, ...rest } = current;
      return rest;
    }
    default:
      return current;
  }
}
