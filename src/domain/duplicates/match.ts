// 重复件 (同人同事): does a new order repeat an open one? The same caller (phone), about the same matter
// (topic, and text alike enough), at the same resolved place, within the policy's window. Every
// candidate gets a decision with its reason, so a link is never silent and a non-link explainable:
// a different caller, a different place or a closed original never links.
import type { CanonicalOrder } from '../../../contracts/order.js';
import type { DuplicatePolicy } from '../../../contracts/sla.js';
import type { OrderState, OrderView } from '../../../contracts/views.js';
import { textSimilarity } from './similarity.js';

export type MatchReason =
  | 'linked'
  | 'no_phone'
  | 'no_place'
  | 'different_caller'
  | 'different_place'
  | 'different_topic'
  | 'text_differs'
  | 'outside_window'
  | 'not_open'
  | 'is_duplicate'
  | 'same_order';

export interface MatchDecision {
  orderId: string;
  reason: MatchReason;
  similarity?: number;
}

export interface MatchResult {
  /** The open order the new one repeats (the earliest received of those that match). */
  lead?: OrderView;
  similarity?: number;
  decisions: MatchDecision[];
}

/** The states of an order still being worked on: a repeat of one of these joins it. */
export const OPEN_STATES: readonly OrderState[] = [
  'triage',
  'returned',
  'dispatched',
  'accepted',
  'contacted',
  'in_progress',
];

/** The place an order is about, as resolved: its routed place, else the code it came with. */
export const placeOf = (v: Pick<OrderView, 'route' | 'order'>): string | undefined =>
  v.route.place?.code ?? v.order.location.divisionCode;

/** Same matter by topic: every level both orders name agrees (an order without a topic matches none). */
function sameTopic(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  if (n === 0) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

const textOf = (o: Pick<CanonicalOrder, 'title' | 'content'>) => `${o.title} ${o.content}`;

export function matchDuplicate(
  order: Pick<CanonicalOrder, 'id' | 'caller' | 'topic' | 'title' | 'content' | 'receivedAt'>,
  place: string | undefined,
  candidates: readonly OrderView[],
  policy: DuplicatePolicy,
): MatchResult {
  const phone = order.caller.phone;
  const decisions: MatchDecision[] = [];
  const received = Date.parse(order.receivedAt);
  const windowMs = policy.windowDays * 86_400_000;
  let best: { lead: OrderView; similarity: number } | undefined;
  for (const c of candidates) {
    const decide = (reason: MatchReason, similarity?: number) =>
      decisions.push({
        orderId: c.id,
        reason,
        ...(similarity !== undefined ? { similarity } : {}),
      });
    if (c.id === order.id) decide('same_order');
    else if (phone === undefined || phone === '') decide('no_phone');
    else if (c.order.caller.phone !== phone) decide('different_caller');
    else if (received - Date.parse(c.order.receivedAt) > windowMs) decide('outside_window');
    else if (c.duplicateOf !== undefined) decide('is_duplicate');
    else if (!OPEN_STATES.includes(c.state)) decide('not_open');
    else if (place === undefined || place === '' || placeOf(c) === undefined) decide('no_place');
    else if (placeOf(c) !== place) decide('different_place');
    else if (!sameTopic(order.topic, c.order.topic)) decide('different_topic');
    else {
      const similarity = Math.round(textSimilarity(textOf(order), textOf(c.order)) * 1000) / 1000;
      if (similarity < policy.minSimilarity) decide('text_differs', similarity);
      else {
        decide('linked', similarity);
        const earlier =
          best === undefined ||
          Date.parse(c.order.receivedAt) < Date.parse(best.lead.order.receivedAt);
        if (earlier) best = { lead: c, similarity };
      }
    }
  }
  return best ? { lead: best.lead, similarity: best.similarity, decisions } : { decisions };
}

/** The reason recorded on the repeat's order.duplicate_linked event. */
export const linkReason = (similarity: number): string =>
  `同人同事: same phone, same place, same topic, text similarity ${similarity.toFixed(2)}`;
