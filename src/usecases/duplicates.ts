// 重复件 wired to the store: the lookup at intake (one indexed query by the caller's phone, then the
// pure matcher), the lead's side of a link (the caller joins, or leaves, the lead's list, so its
// station calls everyone back), and resolving the repeats with their lead, so each caller still gets
// their own callback survey. Two streams change for one link: the repeat's is the record; the lead's
// entry is written right after and again by any retry (joinLead checks first), never twice.
import type { EventData, NewEvent } from '../../contracts/events.js';
import type { CanonicalOrder } from '../../contracts/order.js';
import type { DuplicatePolicy } from '../../contracts/sla.js';
import type { OrderView } from '../../contracts/views.js';
import { DomainError } from '../domain/errors.js';
import { matchDuplicate, type MatchResult } from '../domain/duplicates/match.js';
import type { OrderStore } from '../ports/order-store.js';

/** How many of a caller's recent orders the matcher looks at. */
const CANDIDATES = 20;

type Store = Pick<OrderStore, 'get' | 'append' | 'byCallerPhone'>;

export async function findRepeat(
  store: Store,
  order: Pick<CanonicalOrder, 'id' | 'caller' | 'topic' | 'title' | 'content' | 'receivedAt'>,
  place: string | undefined,
  policy: DuplicatePolicy | undefined,
): Promise<MatchResult> {
  const phone = order.caller.phone;
  if (!policy || phone === undefined || phone === '') return { decisions: [] };
  const since = Date.parse(order.receivedAt) - policy.windowDays * 86_400_000;
  const candidates = await store.byCallerPhone(phone, since, CANDIDATES);
  return matchDuplicate(order, place, candidates, policy);
}

/** Appends `make(view)` to an order unless `done(view)`; retried when someone else wrote meanwhile. */
async function appendOnce(
  store: Store,
  orderId: string,
  done: (v: OrderView) => boolean,
  make: (v: OrderView) => NewEvent[],
): Promise<OrderView | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const view = await store.get(orderId);
    if (!view || done(view)) return view;
    try {
      return await store.append(orderId, view.version, make(view));
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'version_conflict')) throw err;
    }
  }
  throw new DomainError(
    'version_conflict',
    `Order ${orderId} kept changing; retry`,
    { zh: '工单一直在被更新，请稍后重试。' },
    true,
  );
}

const system = { role: 'system', id: 'duplicates' } as const;

/** The lead's side of a link: the repeat's caller joins its list (once). */
export async function joinLead(store: Store, repeat: OrderView, at: string): Promise<void> {
  const leadId = repeat.duplicateOf;
  if (leadId === undefined) return;
  const data: EventData = {
    type: 'order.caller_joined',
    orderId: repeat.id,
    externalId: repeat.externalId,
    caller: repeat.order.caller,
    receivedAt: repeat.order.receivedAt,
    content: repeat.order.content,
  };
  await appendOnce(
    store,
    leadId,
    (lead) => (lead.joinedCallers ?? []).some((c) => c.orderId === repeat.id),
    () => [{ orderId: leadId, at, actor: system, data }],
  );
}

/** The lead's side of an unlink: the caller leaves its list (once). */
export async function leaveLead(
  store: Store,
  leadId: string,
  repeatId: string,
  note: string,
  at: string,
): Promise<void> {
  await appendOnce(
    store,
    leadId,
    (lead) => !(lead.joinedCallers ?? []).some((c) => c.orderId === repeatId),
    () => [
      {
        orderId: leadId,
        at,
        actor: system,
        data: { type: 'order.caller_left', orderId: repeatId, note },
      },
    ],
  );
}

/**
 * The lead was resolved: every repeat still linked to it is resolved with the lead's result, so the
 * hotline calls each caller back on their own order (its own callback clock starts now).
 */
export async function resolveRepeats(store: Store, lead: OrderView, at: string): Promise<void> {
  if (lead.state !== 'resolved') return;
  for (const joined of lead.joinedCallers ?? []) {
    await appendOnce(
      store,
      joined.orderId,
      (v) => v.state !== 'duplicate' || v.duplicateOf !== lead.id,
      (v) => [
        {
          orderId: v.id,
          at,
          actor: system,
          data: {
            type: 'order.resolved',
            result: `并案办结 (${lead.externalId}): ${lead.result ?? ''}`.trim(),
          },
        },
      ],
    );
  }
}
