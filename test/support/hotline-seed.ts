// Orders put where a page test needs them, with the machine keys of the example configuration: a
// hotline platform's push (fixture 01, 翠城艺园, unless another place is named) and any order action
// by a station, a dispatcher's or an admin's key. What a person then sees is the test's business.
import { expect } from 'vitest';
import { OrderView } from '../../contracts/views.js';
import { fixture, keys } from './test-gateway.js';
import { until } from './until.js';

let serial = 0;

export interface SeedOrder {
  title: string;
  /** Division code of the place (翠城艺园 110105019040 unless told). */
  code?: string;
  /** Hours before now the citizen called: the 办结 clock runs from the call. */
  calledHoursAgo?: number;
  caller?: { name?: string; phone?: string };
  content?: string;
}

/** The hotline platform bj-12345 pushes an order; returns the gateway id. */
export async function pushOrder(base: string, o: SeedOrder): Promise<string> {
  serial += 1;
  const f = fixture('01');
  const res = await fetch(`${base}/v1/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      ...f,
      externalId: `SEED-${serial}-${Date.now()}`,
      title: o.title,
      urgency: 'normal',
      topic: ['市政设施', '路灯'],
      ...(o.content ? { content: o.content } : {}),
      ...(o.caller ? { caller: o.caller } : {}),
      location: o.code ? { divisionCode: o.code } : f.location,
      receivedAt: new Date(Date.now() - (o.calledHoursAgo ?? 0) * 3_600_000).toISOString(),
    }),
  });
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

/** An order action with a machine key (admin unless told); the answer must be 200. */
export async function actWithKey(
  base: string,
  id: string,
  action: string,
  body: object = {},
  key = keys.admin,
): Promise<OrderView> {
  const send = () =>
    fetch(`${base}/v1/orders/${id}/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  // The SLA sweeper may write to an overdue order between the read and the write (a 409, as any
  // client gets): send again, as a client does, until it lands.
  let res = await send();
  await until(
    async () => res.status !== 409 || ((res = await send()), res.status !== 409),
    30_000,
    `${action} on ${id} without a version conflict`,
  );
  expect(res.status, `${action} ${await res.clone().text()}`).toBe(200);
  return OrderView.parse(await res.json());
}

/** The order as an admin reads it. */
export async function readOrder(base: string, id: string): Promise<OrderView> {
  const res = await fetch(`${base}/v1/orders/${id}`, {
    headers: { authorization: `Bearer ${keys.admin}` },
  });
  expect(res.status).toBe(200);
  return OrderView.parse(await res.json());
}
