// 督办 on a deadline: when the policy's reminder, 催办 notice and escalations fall due for one open
// target, as instants the SLA sweeper emits once each (the SLA assessment merges them with its
// warnings and breach). Pure: the same facts, policy and calendar always give the same instants.
import type { SlaClock, SlaTarget, SupervisionPolicy } from '../../../contracts/sla.js';
import type { Measure } from '../sla/clocks.js';

/** What a supervision fire does: 提醒 the station, 催办 it, or escalate to a level's supervisor. */
export type SupervisionKind = 'remind' | 'urge' | 'street' | 'district';

export const supervisionKinds: readonly SupervisionKind[] = [
  'remind',
  'urge',
  'street',
  'district',
];

export const isSupervisionKind = (kind: unknown): kind is SupervisionKind =>
  supervisionKinds.includes(kind as SupervisionKind);

export interface SupervisionClock {
  target: SlaTarget;
  startedAt: number;
  due: number;
}

/**
 * The supervision instants of one open target: reminder (`remindBeforeHours` clock hours before the
 * due time, never before the clock started), 催办 at the due time, street escalation a delay after
 * it, district escalation a delay after the street's (after the due time when there is no street step).
 */
export function supervisionSchedule(
  policy: SupervisionPolicy | undefined,
  clock: SupervisionClock,
  measure: (c: SlaClock) => Measure,
): { kind: SupervisionKind; at: number }[] {
  if (!policy || !policy.targets.includes(clock.target)) return [];
  const out: { kind: SupervisionKind; at: number }[] = [];
  if (policy.remindBeforeHours !== undefined) {
    const at = clock.due - policy.remindBeforeHours * 3_600_000;
    if (at > clock.startedAt) out.push({ kind: 'remind', at });
  }
  if (policy.urgeAtDue) out.push({ kind: 'urge', at: clock.due });
  let from = clock.due;
  if (policy.escalateToStreetAfter) {
    const m = measure(policy.escalateToStreetAfter.clock);
    from = m.advance(from, policy.escalateToStreetAfter.amount * m.unitMs);
    out.push({ kind: 'street', at: from });
  }
  if (policy.escalateToDistrictAfter) {
    const m = measure(policy.escalateToDistrictAfter.clock);
    out.push({
      kind: 'district',
      at: m.advance(from, policy.escalateToDistrictAfter.amount * m.unitMs),
    });
  }
  return out;
}
