// Builds order histories on a fake clock for SLA tests: each step is an event at a given local time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventData, OrderEvent } from '../../contracts/events.js';
import type { CanonicalOrder } from '../../contracts/order.js';
import { SlaPolicy, WorkingCalendar } from '../../contracts/sla.js';
import type { OrderView } from '../../contracts/views.js';
import { fold } from '../../src/domain/lifecycle/evolve.js';
import { WorkCalendar } from '../../src/domain/sla/calendar.js';
import { exampleConfigDir } from './test-gateway.js';

export const examplePolicy = SlaPolicy.parse(
  JSON.parse(readFileSync(join(exampleConfigDir, 'sla-policy.json'), 'utf8')),
);
export const exampleCalendar = new WorkCalendar(
  WorkingCalendar.parse(JSON.parse(readFileSync(join(exampleConfigDir, 'calendar.json'), 'utf8'))),
);

export const cst = (local: string): string => new Date(`${local}+08:00`).toISOString();

export function order(
  receivedLocal: string,
  overrides: Partial<CanonicalOrder> = {},
): CanonicalOrder {
  return {
    id: 'ord_sla',
    source: 'bj-12345',
    externalId: 'SLA-1',
    channel: 'phone',
    type: 'complaint',
    topic: ['市政设施', '路灯'],
    title: '路灯不亮',
    content: '小区主路两盏路灯不亮',
    caller: {},
    location: { divisionCode: '110105019040' },
    receivedAt: `${receivedLocal}+08:00`,
    urgency: 'normal',
    attachments: [],
    extra: {},
    ...overrides,
  };
}

export const dispatched = (stationId = 'cuicheng-yiyuan-grid'): EventData => ({
  type: 'order.dispatched',
  stationId,
  stationName: stationId,
  decision: { outcome: 'routed', rule: 'division_code', stationId, candidates: [], reason: 'test' },
});

/** [localTime, event] steps → the folded view, exactly as the store would fold them. */
export function history(o: CanonicalOrder, steps: [string, EventData][]): OrderView {
  const all: [string, EventData][] = [
    [o.receivedAt.slice(0, 19), { type: 'order.received', order: o }],
    ...steps,
  ];
  const events: OrderEvent[] = all.map(([local, data], i) => ({
    orderId: o.id,
    seq: i + 1,
    at: cst(local),
    actor: { role: 'system', id: 'test' },
    data,
  }));
  const view = fold(events);
  if (!view) throw new Error('empty history');
  return view;
}
