// 重复件 in the view: the repeat says which order it joined; the lead lists every caller who joined it,
// so its station calls each of them back.
import type { OrderEvent } from '../../../contracts/events.js';
import type { OrderView } from '../../../contracts/views.js';

type Joined = NonNullable<OrderView['joinedCallers']>;

export function evolveJoined(current: Joined | undefined, e: OrderEvent): Joined | undefined {
  const d = e.data;
  if (d.type === 'order.caller_joined') {
    const { type: _t, ...caller } = d;
    return [...(current ?? []).filter((c) => c.orderId !== d.orderId), caller];
  }
  if (d.type === 'order.caller_left') return (current ?? []).filter((c) => c.orderId !== d.orderId);
  return current;
}
