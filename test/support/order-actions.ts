// What each order action's own test (src/http/routes/orders/actions/<name>.test.ts) shares: one
// in-process gateway per file, orders brought to a situation through the API the way the station
// does it, and the four things a caller notices (describeOrderAction): the order after the action,
// 403 for a role that may not call it, 400 naming the field of a bad body, 409 in the wrong state.
import { describe, expect, it } from 'vitest';
import { Problem } from '../../contracts/problem.js';
import type { SlaTarget } from '../../contracts/sla.js';
import { OrderView } from '../../contracts/views.js';
import { createTestGateway, fixture, keys } from './test-gateway.js';

/** Fixture 01 (a power outage at 翠城艺园) is dispatched to this station. */
export const yiyuan = 'cuicheng-yiyuan-grid';
export const stationKey = keys.station(yiyuan);
/** The neighbouring community's station, asked for 协办 (an assisting part) in these tests. */
export const xinyuan = 'cuicheng-xinyuan-grid';
export const assistingKey = keys.station(xinyuan);

/** An action on the way to a situation: its path, its body, and who calls it if not 翠城艺园. */
type Step = readonly [action: string, body: object, key?: string];
const contact = ['contact', { method: 'phone', note: '已电话联系诉求人' }] as const;
const askMoreTime = [
  'extension-requests',
  { reason: '需更换变压器，工期4至5天', requestedDueAt: '2026-03-13T18:00:00+08:00' },
] as const;
const askAssist = [
  'assists',
  { stationId: xinyuan, note: '请协助核实楼内线路' },
  keys.admin,
] as const;
const acceptAssist = ['assist/accept', {}, assistingKey] as const;

/**
 * The situations a test can ask an order to be in: its state, and the steps there (by 翠城艺园
 * unless a step names another caller).
 */
const situations = {
  dispatched: { state: 'dispatched', steps: [] },
  accepted: { state: 'accepted', steps: [['accept', {}]] },
  contacted: { state: 'contacted', steps: [['accept', {}], contact] },
  in_progress: { state: 'in_progress', steps: [['accept', {}], contact, ['start', {}]] },
  paused: {
    state: 'accepted',
    steps: [
      ['accept', {}],
      ['pause', { reason: '诉求人出差' }],
    ],
  },
  extension_asked: { state: 'accepted', steps: [['accept', {}], askMoreTime] },
  resolved: {
    state: 'resolved',
    steps: [
      ['accept', {}],
      ['resolve', { result: '变压器已更换，恢复供电', reply: '已恢复供电' }],
    ],
  },
  returned: {
    state: 'returned',
    steps: [['return', { reason: 'wrong_area', note: '321楼属翠城馨园社区' }]],
  },
  assist_asked: { state: 'accepted', steps: [['accept', {}], askAssist] },
  assist_accepted: { state: 'accepted', steps: [['accept', {}], askAssist, acceptAssist] },
} as const satisfies Record<string, { state: string; steps: readonly Step[] }>;
export type Situation = keyof typeof situations;

export function orderActionRig(action: string) {
  const gw = createTestGateway();
  let orders = 0;

  /** POST /v1/orders/{id}/<action> with a key and a JSON body. */
  const act = (id: string, key: string, body: unknown, name = action) =>
    gw.call('POST', `/v1/orders/${id}/${name}`, key, body);

  /**
   * A new order of its own (fixture 01 as a normal call received half an hour before the clock's
   * 2026-03-02 09:00), taken through the steps to the situation.
   */
  async function orderIn(situation: Situation): Promise<OrderView> {
    const { res, body } = await gw.submit({
      ...fixture('01'),
      externalId: `${action.replace('/', '-')}-${++orders}`,
      urgency: 'normal',
      receivedAt: '2026-03-02T08:30:00+08:00',
    });
    expect(res.status).toBe(202);
    let view = OrderView.parse(await (await gw.call('GET', body.location, keys.admin)).json());
    const { state, steps } = situations[situation];
    for (const [name, stepBody, key = stationKey] of steps)
      view = await applied(act(view.id, key, stepBody, name));
    expect(view.state).toBe(state);
    return view;
  }

  return { gw, act, orderIn };
}

/** The order's figure for a target in its current cycle, as the gateway presents it. */
export const figure = (view: OrderView, target: SlaTarget) =>
  view.sla?.figures.find((f) => f.target === target && f.cycle === view.slaFacts.cycle);

/** The action was applied: 200 with the order as it is now. */
export async function applied(pending: Response | Promise<Response>): Promise<OrderView> {
  const res = await pending;
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return OrderView.parse(JSON.parse(text));
}

/** The action was refused with an RFC 9457 problem, its code, and the field it names if any. */
export async function refused(
  pending: Response | Promise<Response>,
  status: number,
  code: string,
  field?: string,
): Promise<Problem> {
  const res = await pending;
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = Problem.parse(await res.json());
  expect({ status: res.status, code: problem.code }).toEqual({ status, code });
  if (field !== undefined) expect(problem.errors?.map((e) => e.path)).toContain(field);
  return problem;
}

export interface OrderActionCase {
  /** The last path segment: POST /v1/orders/{id}/<action>. */
  action: string;
  /** What the caller sees it do, as the success test's title. */
  does: string;
  /** The key of a caller who may, the order's situation, and a body that works there. */
  caller: string;
  on: Situation;
  body: object;
  /** What the caller notices in the order answered (`before`: the order as it was). */
  then: (view: OrderView, before: OrderView) => void;
  /** A caller whose role may not call it, and who they are. */
  refusedTo: { key: string; who: string };
  /** A wrong body, and the field the problem must name. */
  badBody: { body: object; field: string };
  /** A situation whose state does not allow the action (the same body, 409). */
  wrongState: Situation;
}

/** The action's four tests, each on an order of its own. */
export function describeOrderAction(c: OrderActionCase): void {
  const { act, orderIn } = orderActionRig(c.action);
  describe(`POST /v1/orders/{id}/${c.action}`, () => {
    it(c.does, async () => {
      const before = await orderIn(c.on);
      c.then(await applied(act(before.id, c.caller, c.body)), before);
    });

    it(`is not for ${c.refusedTo.who} (403)`, async () => {
      const order = await orderIn(c.on);
      await refused(act(order.id, c.refusedTo.key, c.body), 403, 'forbidden');
    });

    it(`names ${c.badBody.field} in a bad body (400)`, async () => {
      const order = await orderIn(c.on);
      await refused(
        act(order.id, c.caller, c.badBody.body),
        400,
        'validation_failed',
        c.badBody.field,
      );
    });

    it(`is a state conflict on an order ${c.wrongState.replace('_', ' ')} (409)`, async () => {
      const order = await orderIn(c.wrongState);
      await refused(act(order.id, c.caller, c.body), 409, 'state_conflict');
    });
  });
}
