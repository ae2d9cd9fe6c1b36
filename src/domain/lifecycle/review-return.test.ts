// 退单审核 in the lifecycle: a return waits for a dispatcher, who accepts it (re-route, never back to a
// station that returned it as 属地不符) or rejects it with a note (back to the station, in the state
// it left); and the SLA policy value that says how the review time counts after a rejection.
import { describe, expect, it } from 'vitest';
import type { EventData, OrderEvent } from '../../../contracts/events.js';
import { Gazetteer, StationDirectory } from '../../../contracts/places.js';
import { SlaPolicy } from '../../../contracts/sla.js';
import type { OrderView } from '../../../contracts/views.js';
import {
  cst,
  dispatched,
  exampleCalendar,
  examplePolicy,
  history,
  order,
} from '../../../test/support/sla-fixtures.js';
import { DomainError } from '../errors.js';
import { buildPlaceIndex } from '../routing/place-index.js';
import { assessSla } from '../sla/assess.js';
import { decide, type Command } from './decide.js';
import { evolve } from './evolve.js';

const places = buildPlaceIndex(
  Gazetteer.parse({
    places: [
      { code: '110000', level: 'province', name: '北京市' },
      { code: '110105', level: 'district', name: '朝阳区', parent: '110000' },
      { code: '110105019', level: 'street', name: '垡头街道', parent: '110105' },
      { code: '110105019040', level: 'community', name: '翠城艺园社区', parent: '110105019' },
      { code: '110105019028', level: 'community', name: '翠城熙园社区', parent: '110105019' },
    ],
  }),
  StationDirectory.parse({
    stations: [
      { id: 'cuicheng-yiyuan-grid', name: '翠城艺园社区网格工作站', covers: ['110105019040'] },
      { id: 'xiyuan-grid', name: '翠城熙园社区网格工作站', covers: ['110105019028'] },
      { id: 'fatou-street', name: '垡头街道城运中心', kind: 'street', covers: ['110105019'] },
    ],
  }),
);

const o = order('2026-03-02T08:00:00', { urgency: 'emergency' });
const ret = (
  reason: 'wrong_area' | 'not_our_duty' = 'not_our_duty',
  stationId = 'cuicheng-yiyuan-grid',
): EventData => ({
  type: 'order.returned',
  stationId,
  reason,
  note: '不属于本网格',
  awaitsReview: true,
});

/** Applies what a dispatcher's command decides, as a logged-in dispatcher, at a local time. */
function act(view: OrderView, command: Command, local = '2026-03-02T10:20:00'): OrderView {
  return decide(view, command, places).reduce<OrderView>((v, data) => {
    const e: OrderEvent = {
      orderId: v.id,
      seq: v.version + 1,
      at: cst(local),
      actor: { role: 'dispatcher', id: 'dispatcher', account: { id: 'acc_1', name: '李静' } },
      data,
    };
    return evolve(v, e);
  }, view);
}

const review = (input: Extract<Command, { kind: 'decide_return' }>['input']): Command => ({
  kind: 'decide_return',
  input,
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

const returnedFromAccepted = history(o, [
  ['2026-03-02T08:00:00', dispatched()],
  ['2026-03-02T08:10:00', { type: 'order.accepted' }],
  ['2026-03-02T08:20:00', ret()],
]);

describe('accepting a return', () => {
  it('re-routes to the station the dispatcher picks, recording who accepted it and when', () => {
    const next = act(returnedFromAccepted, review({ approved: true, stationId: 'xiyuan-grid' }));
    expect(next.state).toBe('dispatched');
    expect(next.station).toEqual({ id: 'xiyuan-grid', name: '翠城熙园社区网格工作站' });
    expect(next.returns.at(-1)?.review).toEqual({
      status: 'accepted',
      at: cst('2026-03-02T10:20:00'),
      by: '李静',
    });
  });

  it('without a station, waits in triage with the router suggesting anyone but the returner', () => {
    const events = decide(returnedFromAccepted, review({ approved: true }), places);
    expect(events.map((e) => e.type)).toEqual(['order.return_accepted', 'order.triaged']);
    const next = act(returnedFromAccepted, review({ approved: true }));
    expect(next.state).toBe('triage');
    expect(next.route.outcome).toBe('triage');
    expect(next.route.candidates.map((c) => c.stationId)).not.toContain('cuicheng-yiyuan-grid');
  });

  it('never sends the order back to a station that returned it as 属地不符', () => {
    const wrongArea = history(o, [
      ['2026-03-02T08:00:00', dispatched()],
      ['2026-03-02T08:20:00', ret('wrong_area')],
    ]);
    expect(
      thrown(() =>
        decide(wrongArea, review({ approved: true, stationId: 'cuicheng-yiyuan-grid' }), places),
      ),
    ).toMatchObject({
      code: 'same_route_after_return',
      details: { errors: [{ path: 'stationId' }] },
    });
  });

  it('refuses to "accept" by sending the order to the station that returned it', () => {
    expect(
      thrown(() =>
        decide(
          returnedFromAccepted,
          review({ approved: true, stationId: 'cuicheng-yiyuan-grid' }),
          places,
        ),
      ),
    ).toMatchObject({ code: 'same_route_after_return' });
  });

  it('withdraws an extension request the returning station left pending', () => {
    const withRequest = history(o, [
      ['2026-03-02T08:00:00', dispatched()],
      ['2026-03-02T08:10:00', { type: 'order.accepted' }],
      [
        '2026-03-02T08:15:00',
        {
          type: 'order.extension_requested',
          reason: '需协调',
          requestedDueAt: '2026-03-05T18:00:00+08:00',
        },
      ],
      ['2026-03-02T08:20:00', ret()],
    ]);
    expect(withRequest.extensions[0]?.status).toBe('pending');
    const next = act(withRequest, review({ approved: true, stationId: 'fatou-street' }));
    expect(next.extensions[0]?.status).toBe('withdrawn');
  });
});

describe('rejecting a return', () => {
  it('sends the order back to the station, in the state it left, with the note', () => {
    const next = act(
      returnedFromAccepted,
      review({ approved: false, note: '属于本网格，请继续办理' }),
    );
    expect(next.state).toBe('accepted');
    expect(next.station).toEqual({
      id: 'cuicheng-yiyuan-grid',
      name: '翠城艺园社区网格工作站',
    });
    expect(next.returns.at(-1)?.review).toMatchObject({
      status: 'rejected',
      note: '属于本网格，请继续办理',
    });
    // The station holds the order again from the rejection.
    expect(next.slaFacts.holdings.at(-1)).toEqual({
      cycle: 1,
      stationId: 'cuicheng-yiyuan-grid',
      from: cst('2026-03-02T10:20:00'),
    });
  });

  it('brings an order returned before acceptance back to 待签收 with its 签收 clock still running', () => {
    const beforeAccept = history(o, [
      ['2026-03-02T08:00:00', dispatched()],
      ['2026-03-02T08:20:00', ret()],
    ]);
    const next = act(beforeAccept, review({ approved: false, note: '请签收' }));
    expect(next.state).toBe('dispatched');
    const acceptClock = next.slaFacts.clocks.find((c) => c.target === 'accept');
    expect(acceptClock).toMatchObject({ startedAt: cst('2026-03-02T08:00:00') });
    expect(acceptClock).not.toHaveProperty('stoppedAt');
  });

  it('needs a note for the station', () => {
    const err = thrown(() =>
      decide(returnedFromAccepted, review({ approved: false, note: '' }), places),
    );
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      code: 'validation_failed',
      details: { errors: [{ path: 'note' }] },
    });
  });

  it('lets the station return the order again later, as a new review', () => {
    const back = act(returnedFromAccepted, review({ approved: false, note: '请继续办理' }));
    const again = decide(
      back,
      {
        kind: 'return',
        stationId: 'cuicheng-yiyuan-grid',
        input: { reason: 'ownership_unclear', note: '产权不清' },
      },
      places,
    );
    expect(again).toMatchObject([{ type: 'order.returned', awaitsReview: true }]);
  });
});

describe('no other action while a return waits for review', () => {
  it.each<Command>([
    { kind: 'dispatch', stationId: 'xiyuan-grid' },
    { kind: 'accept' },
    { kind: 'resolve', input: { result: '已处理' } },
  ])('refuses $kind', (command) => {
    expect(thrown(() => decide(returnedFromAccepted, command, places))).toMatchObject({
      code: 'state_conflict',
      details: { state: 'returned' },
    });
  });
});

describe('the review time after a rejection (SLA policy rejectedReturn.reviewTime)', () => {
  // An emergency: respond within 2 clock hours, resolve within 24; the review took two hours.
  const rejected = act(
    returnedFromAccepted,
    review({ approved: false, note: '请继续办理' }),
    '2026-03-02T10:20:00',
  );
  const due = (policy: SlaPolicy, target: 'respond' | 'resolve') =>
    assessSla(
      rejected,
      policy,
      exampleCalendar,
      Date.parse(cst('2026-03-02T11:00:00')),
    ).summary.figures.find((f) => f.target === target)?.dueAt;

  it('counts by default: a wrongful return buys no time', () => {
    const unset = SlaPolicy.parse({ ...examplePolicy, rejectedReturn: undefined });
    for (const policy of [unset, examplePolicy]) {
      expect(due(policy, 'respond')).toBe(cst('2026-03-02T10:00:00'));
      expect(due(policy, 'resolve')).toBe(cst('2026-03-03T08:00:00'));
    }
  });

  it('is taken off every clock when the policy says excluded', () => {
    const excluded = SlaPolicy.parse({
      ...examplePolicy,
      rejectedReturn: { reviewTime: 'excluded' },
    });
    expect(due(excluded, 'respond')).toBe(cst('2026-03-02T12:00:00'));
    expect(due(excluded, 'resolve')).toBe(cst('2026-03-03T10:00:00'));
  });

  it('leaves an accepted return alone under either policy', () => {
    const acceptedReturn = act(
      returnedFromAccepted,
      review({ approved: true, stationId: 'xiyuan-grid' }),
    );
    const excluded = SlaPolicy.parse({
      ...examplePolicy,
      rejectedReturn: { reviewTime: 'excluded' },
    });
    const resolveDue = assessSla(
      acceptedReturn,
      excluded,
      exampleCalendar,
      Date.now(),
    ).summary.figures.find((f) => f.target === 'resolve')?.dueAt;
    expect(resolveDue).toBe(cst('2026-03-03T08:00:00'));
  });
});
