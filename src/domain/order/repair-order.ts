// Applies text repair to every free-text field of a submission and says, per field, what was done.
// Identifiers (externalId), phone numbers and the vendor's extra fields are never altered.
import type { OrderSubmission } from '../../../contracts/order.js';
import type { QualityNote } from '../../../contracts/quality.js';
import { repairText } from '../text/repair.js';

export function repairOrder(o: OrderSubmission): {
  order: OrderSubmission;
  quality: QualityNote[];
} {
  const quality: QualityNote[] = [];
  const fix = (field: string, value: string): string => {
    const r = repairText(value);
    for (const flag of r.flags) quality.push({ flag, field });
    return r.text;
  };
  const opt = (field: string, value: string | undefined): string | undefined =>
    value === undefined ? undefined : fix(field, value);
  const order: OrderSubmission = {
    ...o,
    title: fix('title', o.title),
    content: fix('content', o.content),
    topic: o.topic.map((t, i) => fix(`topic.${i}`, t)),
    caller: {
      ...o.caller,
      ...(o.caller.name !== undefined ? { name: fix('caller.name', o.caller.name) } : {}),
    },
    location: {
      ...o.location,
      ...(o.location.district !== undefined
        ? { district: opt('location.district', o.location.district) }
        : {}),
      ...(o.location.street !== undefined
        ? { street: opt('location.street', o.location.street) }
        : {}),
      ...(o.location.community !== undefined
        ? { community: opt('location.community', o.location.community) }
        : {}),
      ...(o.location.address !== undefined
        ? { address: opt('location.address', o.location.address) }
        : {}),
    },
  };
  return { order, quality };
}
