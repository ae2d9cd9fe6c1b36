// Normalisation of a submitted order: what the same citizen and the same place look like however
// the platform typed them (full-width digits, stray spaces, phone formats).
import type { OrderSubmission } from '../../../contracts/order.js';
import { normalizeMultiline, normalizeText } from '../text/normalize.js';
import { normalizePhone } from '../text/phone.js';

const opt = (s: string | undefined): string | undefined => {
  if (s === undefined) return undefined;
  const n = normalizeText(s);
  return n === '' ? undefined : n;
};

/** Drops keys whose value is undefined, so stored JSON has no holes. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function normalizeOrder(o: OrderSubmission): OrderSubmission {
  const name = opt(o.caller.name);
  const phone = o.caller.phone === undefined ? undefined : normalizePhone(o.caller.phone);
  return {
    ...o,
    externalId: normalizeText(o.externalId),
    topic: o.topic.map(normalizeText),
    title: normalizeText(o.title),
    content: normalizeMultiline(o.content),
    caller: compact({ name, phone: phone === '' ? undefined : phone }),
    location: compact({
      ...o.location,
      district: opt(o.location.district),
      street: opt(o.location.street),
      community: opt(o.location.community),
      address: opt(o.location.address),
    }),
  };
}
