// Intake: a validated submission becomes a canonical order, is routed, and is stored with its first
// events, its idempotency records and its raw bytes in one step. Repeats return the same order.
import type { NewEvent } from '../../contracts/events.js';
import { OrderSubmission } from '../../contracts/order.js';
import type { QualityNote } from '../../contracts/quality.js';
import type { OrderView } from '../../contracts/views.js';
import { DomainError } from '../domain/errors.js';
import { normalizeOrder } from '../domain/order/normalize-order.js';
import { repairOrder } from '../domain/order/repair-order.js';
import { routeOrder } from '../domain/routing/router.js';
import { traceRouting } from '../telemetry/spans.js';
import type { OrderUseCaseDeps } from './deps.js';
import { sha256Hex } from '../runtime/sha256.js';
import type { Principal } from './principal.js';
import type { SlaPolicy } from '../../contracts/sla.js';
import { findRepeat, joinLead } from './duplicates.js';
import { intakeAssists } from './intake-assists.js';
import { linkReason } from '../domain/duplicates/match.js';

export interface SubmitInput {
  principal: Principal;
  submission: OrderSubmission;
  rawBody: Uint8Array;
  contentType: string;
  idempotencyKey?: string | undefined;
  /** What the inbound adapter already found (charset, field names); text repair adds its own. */
  quality?: QualityNote[] | undefined;
}

export interface SubmitResult {
  status: 'created' | 'existing';
  view: OrderView;
}

type Deps = Pick<OrderUseCaseDeps, 'store' | 'places' | 'clock' | 'newId' | 'notifier'> & {
  /** The policy's 重复件 rule (SlaPolicy.duplicates); absent: no duplicate matching. */
  sla?: { policy: Pick<SlaPolicy, 'duplicates'> };
};

/**
 * Every intake path repairs text here, so the flags mean the same whatever the vendor format; an
 * order that repair leaves invalid is refused. Pure: the Workers intake runs it too, before its 202.
 */
export function repairSubmission(submission: OrderSubmission) {
  const repaired = repairOrder(submission);
  const normalized = normalizeOrder(repaired.order);
  // The submission was checked by its route; only text that repair or normalisation rewrote can have
  // left the contract (a title emptied, a name dropped), so most orders skip a second Zod pass.
  if (sameText(submission, normalized)) return { repaired, normalized };
  const still = OrderSubmission.safeParse(normalized);
  if (!still.success) {
    const errors = still.error.issues.map((i) => ({
      path: i.path.map(String).join('.') || '(body)',
      message: `${i.message} (after removing markup, pinyin and spaces)`,
    }));
    throw new DomainError(
      'validation_failed',
      errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      {
        zh: `去除标记、拼音和空格后内容不符合要求：${errors.map((e) => e.path).join('、')}`,
        errors,
      },
    );
  }
  return { repaired, normalized };
}

/** Whether every field repairOrder or normalizeOrder may rewrite came through unchanged. */
function sameText(a: OrderSubmission, b: OrderSubmission): boolean {
  return (
    a.externalId === b.externalId &&
    a.title === b.title &&
    a.content === b.content &&
    a.topic.length === b.topic.length &&
    a.topic.every((t, i) => t === b.topic[i]) &&
    a.caller.name === b.caller.name &&
    a.caller.phone === b.caller.phone &&
    a.location.district === b.location.district &&
    a.location.street === b.location.street &&
    a.location.community === b.location.community &&
    a.location.address === b.location.address
  );
}

export async function submitOrder(deps: Deps, input: SubmitInput): Promise<SubmitResult> {
  const now = deps.clock.now().toISOString();
  const id = deps.newId();
  const { repaired, normalized } = repairSubmission(input.submission);
  const quality = [...(input.quality ?? []), ...repaired.quality];
  const order = {
    ...normalized,
    id,
    source: input.principal.id,
    ...(quality.length > 0 ? { quality } : {}),
  };
  const decision = traceRouting(() => routeOrder(deps.places, order));
  const router = { role: 'system', id: 'router' } as const;
  // 重复件: a repeat of an open order joins it instead of being dispatched (one indexed lookup).
  const repeat = await findRepeat(
    deps.store,
    order,
    decision.place?.code ?? order.location.divisionCode,
    deps.sla?.policy.duplicates,
  );
  const events: NewEvent[] = [
    {
      orderId: id,
      at: now,
      actor: { role: 'source', id: input.principal.id },
      data: { type: 'order.received', order },
    },
    repeat.lead !== undefined
      ? {
          orderId: id,
          at: now,
          actor: { role: 'system', id: 'duplicates' },
          data: {
            type: 'order.duplicate_linked',
            leadId: repeat.lead.id,
            reason: linkReason(repeat.similarity ?? 0),
            ...(repeat.similarity !== undefined ? { similarity: repeat.similarity } : {}),
          },
        }
      : decision.outcome === 'routed' && decision.stationId !== undefined
        ? {
            orderId: id,
            at: now,
            actor: router,
            data: {
              type: 'order.dispatched',
              stationId: decision.stationId,
              stationName: deps.places.station(decision.stationId)?.name ?? decision.stationId,
              decision,
            },
          }
        : { orderId: id, at: now, actor: router, data: { type: 'order.triaged', decision } },
  ];
  // 协办单位 the platform named: asked for their part with the dispatch (not for a linked repeat).
  if (repeat.lead === undefined && decision.outcome === 'routed')
    events.push(...intakeAssists(deps.places, order, decision.stationId, now));
  const outcome = await deps.store.submit({
    orderId: id,
    source: input.principal.id,
    externalId: order.externalId,
    idempotencyKey: input.idempotencyKey,
    // Only an Idempotency-Key needs the body's hash (to tell a retry from a reused key).
    bodyHash: input.idempotencyKey === undefined ? '' : await sha256Hex(input.rawBody),
    raw: { contentType: input.contentType, body: input.rawBody, receivedAt: now },
    events,
  });
  if (outcome.status === 'key_conflict') {
    throw new DomainError(
      'idempotency_conflict',
      `Idempotency-Key "${input.idempotencyKey ?? ''}" was already used for order ${outcome.orderId} with a different body`,
      { zh: `此幂等键已用于工单 ${outcome.orderId}，但请求内容不同。` },
    );
  }
  if (outcome.status === 'created' && outcome.view.station)
    deps.notifier.notify(outcome.view.station.id);
  if (outcome.status === 'created')
    for (const a of outcome.view.assists ?? []) deps.notifier.notify(a.stationId);
  // The lead lists the repeat's caller (also on a retry, in case the first attempt stopped here).
  if (outcome.view.duplicateOf !== undefined) {
    await joinLead(deps.store, outcome.view, now);
    const lead = await deps.store.get(outcome.view.duplicateOf);
    if (lead?.station) deps.notifier.notify(lead.station.id);
  }
  return outcome;
}
