import { describe, expect, it } from 'vitest';
import { CanonicalOrder } from '../../../contracts/order.js';
import type { EventData, OrderEvent } from '../../../contracts/events.js';
import { Gazetteer, StationDirectory } from '../../../contracts/places.js';
import type { RouteDecision } from '../../../contracts/routing.js';
import { OrderState } from '../../../contracts/views.js';
import type { OrderView } from '../../../contracts/views.js';
import { DomainError } from '../errors.js';
import { buildPlaceIndex } from '../routing/place-index.js';
import { allowedFrom, decide } from './decide.js';
import type { Command } from './decide.js';
import { evolve, fold } from './evolve.js';

// A small directory: two grid stations in one street, and a street station.
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
      { id: 'yiyuan-grid', name: '翠城艺园社区网格工作站', covers: ['110105019040'] },
      { id: 'xiyuan-grid', name: '翠城熙园社区网格工作站', covers: ['110105019028'] },
      { id: 'fatou-street', name: '垡头街道城运中心', kind: 'street', covers: ['110105019'] },
    ],
  }),
);

const ORDER_ID = 'ord_test_1';
const order = CanonicalOrder.parse({
  id: ORDER_ID,
  source: 'bj-12345',
  externalId: 'GD20250727000123',
  type: 'help',
  topic: ['供电', '停电'],
  title: '翠城艺园社区321楼凌晨突然停电',
  content: '凌晨四点半左右我们楼整栋突然停电。',
  caller: { name: '黄先生', phone: '+8613800138000' },
  location: { divisionCode: '110105019040', address: '垡头街道翠城艺园社区321楼' },
  receivedAt: '2025-07-27T04:30:00+08:00',
  urgency: 'emergency',
});

const routedTo = (stationId: string): RouteDecision => ({
  outcome: 'routed',
  rule: 'division_code',
  stationId,
  candidates: [],
  reason: 'test route',
});

// Event payloads, as the gateway records them.
const received: EventData = { type: 'order.received', order };
const dispatchedTo = (stationId: string): EventData => {
  const station = places.station(stationId);
  if (!station) throw new Error(`no station ${stationId} in the test directory`);
  return {
    type: 'order.dispatched',
    stationId,
    stationName: station.name,
    decision: routedTo(stationId),
  };
};
const accepted: EventData = { type: 'order.accepted' };
const contacted: EventData = { type: 'order.contacted', note: '电话联系黄先生' };
const workStarted: EventData = { type: 'order.work_started' };
const resolved: EventData = { type: 'order.resolved', result: '已更换变压器，恢复供电' };
const returnedBy = (
  stationId: string,
  reason: 'wrong_area' | 'ownership_unclear' | 'overlapping_duties' | 'not_our_duty',
): EventData => ({
  type: 'order.returned',
  stationId,
  reason,
  note: '不属于本网格',
});
/** A return as the gateway records it now: waiting for a dispatcher's review (退单审核). */
const returnedForReview = (
  stationId: string,
  reason: 'wrong_area' | 'ownership_unclear' | 'overlapping_duties' | 'not_our_duty',
): EventData => ({
  type: 'order.returned',
  stationId,
  reason,
  note: '不属于本网格',
  awaitsReview: true,
});
const extensionRequested: EventData = {
  type: 'order.extension_requested',
  reason: '需协调供电公司',
  requestedDueAt: '2025-08-10T18:00:00+08:00',
};

const callbackRecorded: EventData = {
  type: 'order.callback_recorded',
  valid: true,
  contacted: true,
  solved: true,
  satisfaction: 'satisfied',
};
const paused: EventData = { type: 'order.paused', reason: '等待供电公司' };

const NOW = new Date('2025-07-28T09:00:00+08:00');

/** Gives payloads an envelope: seq from 1, one minute apart, recorded by the system. */
function stream(...data: EventData[]): OrderEvent[] {
  const t0 = Date.parse('2025-07-27T04:31:00+08:00');
  return data.map((d, i) => ({
    orderId: ORDER_ID,
    seq: i + 1,
    at: new Date(t0 + i * 60_000).toISOString(),
    actor:
      d.type === 'order.extension_requested'
        ? { role: 'station', id: 'yiyuan-grid' }
        : { role: 'system', id: 'gateway' },
    data: d,
  }));
}

function viewOf(...data: EventData[]): OrderView {
  const view = fold(stream(...data));
  if (view === null) throw new Error('no events to fold');
  return view;
}

/** Applies decided events on top of a view, continuing its sequence. */
function apply(view: OrderView, events: EventData[]): OrderView {
  return events.reduce<OrderView>(
    (v, d) =>
      evolve(v, {
        orderId: ORDER_ID,
        seq: v.version + 1,
        at: '2025-07-28T01:00:00.000Z',
        actor: { role: 'station', id: 'yiyuan-grid' },
        data: d,
      }),
    view,
  );
}

/** 重复件: this order joined the open order ord_lead. */
const linkedTo: EventData = {
  type: 'order.duplicate_linked',
  leadId: 'ord_lead',
  reason: '同人同事',
  similarity: 0.8,
};

/** The paths that reach each state, by real events. */
const pathTo: Record<OrderState, EventData[]> = {
  triage: [received],
  dispatched: [received, dispatchedTo('yiyuan-grid')],
  accepted: [received, dispatchedTo('yiyuan-grid'), accepted],
  contacted: [received, dispatchedTo('yiyuan-grid'), accepted, contacted],
  in_progress: [received, dispatchedTo('yiyuan-grid'), accepted, contacted, workStarted],
  resolved: [received, dispatchedTo('yiyuan-grid'), accepted, contacted, workStarted, resolved],
  closed: [
    received,
    dispatchedTo('yiyuan-grid'),
    accepted,
    contacted,
    workStarted,
    resolved,
    callbackRecorded,
  ],
  returned: [
    received,
    dispatchedTo('yiyuan-grid'),
    accepted,
    returnedForReview('yiyuan-grid', 'not_our_duty'),
  ],
  duplicate: [received, linkedTo],
};

/** The same states with the clock paused where a pause is possible (needed by resume). */
const pathPaused: Record<OrderState, EventData[]> = {
  ...pathTo,
  accepted: [received, dispatchedTo('yiyuan-grid'), accepted, paused],
  contacted: [received, dispatchedTo('yiyuan-grid'), accepted, paused, contacted],
  in_progress: [received, dispatchedTo('yiyuan-grid'), accepted, paused, contacted, workStarted],
};

/** The same states, reached with an extension request still waiting (needed by decide_extension). */
const pathWithPendingExtension: Record<OrderState, EventData[]> = {
  triage: [
    received,
    dispatchedTo('yiyuan-grid'),
    accepted,
    extensionRequested,
    returnedBy('yiyuan-grid', 'not_our_duty'),
  ],
  dispatched: [
    received,
    dispatchedTo('yiyuan-grid'),
    accepted,
    extensionRequested,
    returnedBy('yiyuan-grid', 'not_our_duty'),
    dispatchedTo('xiyuan-grid'),
  ],
  accepted: [received, dispatchedTo('yiyuan-grid'), accepted, extensionRequested],
  contacted: [received, dispatchedTo('yiyuan-grid'), accepted, extensionRequested, contacted],
  in_progress: [
    received,
    dispatchedTo('yiyuan-grid'),
    accepted,
    extensionRequested,
    contacted,
    workStarted,
  ],
  resolved: [
    received,
    dispatchedTo('yiyuan-grid'),
    accepted,
    extensionRequested,
    contacted,
    workStarted,
    resolved,
  ],
  closed: [
    received,
    dispatchedTo('yiyuan-grid'),
    accepted,
    extensionRequested,
    contacted,
    workStarted,
    resolved,
    callbackRecorded,
  ],
  returned: [
    received,
    dispatchedTo('yiyuan-grid'),
    accepted,
    extensionRequested,
    returnedForReview('yiyuan-grid', 'not_our_duty'),
  ],
  duplicate: [received, dispatchedTo('yiyuan-grid'), accepted, extensionRequested, linkedTo],
};

/** An open order of another id, for link_duplicate. */
const leadView: OrderView = { ...viewOf(received, dispatchedTo('xiyuan-grid')), id: 'ord_lead' };

/** One valid command of every kind. */
const commands: Record<Command['kind'], Command> = {
  accept: { kind: 'accept', note: '已签收' },
  contact: { kind: 'contact', note: '已电话联系' },
  start: { kind: 'start' },
  resolve: { kind: 'resolve', input: { result: '已恢复供电', reply: '您好，已恢复供电' } },
  return: {
    kind: 'return',
    stationId: 'yiyuan-grid',
    input: { reason: 'not_our_duty', note: '供电设施归供电公司' },
  },
  request_extension: {
    kind: 'request_extension',
    input: { reason: '需协调供电公司', requestedDueAt: '2025-08-10T18:00:00+08:00' },
    now: NOW,
  },
  dispatch: { kind: 'dispatch', stationId: 'fatou-street', note: '改派街道' },
  decide_extension: { kind: 'decide_extension', input: { approved: true } },
  decide_return: { kind: 'decide_return', input: { approved: true, stationId: 'xiyuan-grid' } },
  pause: { kind: 'pause', reason: '等待居民提供材料' },
  resume: { kind: 'resume' },
  callback: {
    kind: 'callback',
    input: { valid: true, contacted: true, solved: true, satisfaction: 'satisfied' },
    now: NOW,
  },
  reopen: { kind: 'reopen', reason: '市民反映问题未解决' },
  urge: { kind: 'urge', note: '请尽快办理' },
  supervise: { kind: 'supervise', level: 'street', note: '街道督办' },
  link_duplicate: { kind: 'link_duplicate', lead: leadView, note: '同一来电人反映同一问题' },
  unlink_duplicate: { kind: 'unlink_duplicate', note: '不是同一件事' },
  request_assist: { kind: 'request_assist', stationId: 'xiyuan-grid', note: '请协助排查' },
  remove_assist: { kind: 'remove_assist', stationId: 'xiyuan-grid', note: '不再需要' },
  close_assists: { kind: 'close_assists', note: '主办已查明' },
  accept_assist: { kind: 'accept_assist', stationId: 'xiyuan-grid' },
  report_assist: { kind: 'report_assist', stationId: 'xiyuan-grid', opinion: '已协助排查' },
};

/** Where each command leaves the order when it succeeds (null: the state does not change). */
const stateAfter: Record<Command['kind'], OrderState | null> = {
  accept: 'accepted',
  contact: 'contacted',
  start: 'in_progress',
  resolve: 'resolved',
  return: 'returned',
  request_extension: null,
  dispatch: 'dispatched',
  decide_extension: null,
  decide_return: 'dispatched',
  pause: null,
  resume: null,
  callback: 'closed',
  reopen: 'dispatched',
  urge: null,
  supervise: null,
  link_duplicate: 'duplicate',
  unlink_duplicate: 'triage',
  request_assist: null,
  remove_assist: null,
  close_assists: null,
  accept_assist: null,
  report_assist: null,
};

/** 协办: a part asked of 翠城熙园 (and accepted), on top of any path. */
const assistRequested: EventData = {
  type: 'order.assist_requested',
  stationId: 'xiyuan-grid',
  stationName: '翠城熙园社区网格工作站',
};
const assistAccepted: EventData = { type: 'order.assist_accepted', stationId: 'xiyuan-grid' };

function viewFor(kind: Command['kind'], state: OrderState): OrderView {
  if (kind === 'resume') return viewOf(...pathPaused[state]);
  if (kind === 'report_assist') return viewOf(...pathTo[state], assistRequested, assistAccepted);
  if (kind === 'accept_assist' || kind === 'remove_assist' || kind === 'close_assists')
    return viewOf(...pathTo[state], assistRequested);
  return viewOf(...(kind === 'decide_extension' ? pathWithPendingExtension[state] : pathTo[state]));
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

const commandKinds = Object.keys(allowedFrom) as Command['kind'][];
const table = commandKinds.flatMap((kind) =>
  OrderState.options.map((state) => ({ kind, state, allowed: allowedFrom[kind].includes(state) })),
);

describe('building views from events', () => {
  it.each(OrderState.options)('reaches %s by folding real events', (state) => {
    expect(viewOf(...pathTo[state]).state).toBe(state);
    expect(viewOf(...pathWithPendingExtension[state]).state).toBe(state);
  });

  it('numbers the view version by the last event', () => {
    expect(viewOf(...pathTo.contacted).version).toBe(pathTo.contacted.length);
  });

  it('refuses an event before order.received', () => {
    expect(() => fold(stream(accepted))).toThrow(/before order.received/);
  });
});

describe('the state table allowedFrom', () => {
  it('covers every command kind', () => {
    expect(commandKinds.sort()).toEqual(Object.keys(commands).sort());
  });

  it('names only real states', () => {
    for (const states of Object.values(allowedFrom))
      for (const s of states) expect(OrderState.options).toContain(s);
  });

  describe.each(table.filter((r) => r.allowed))(
    '$kind from $state (allowed)',
    ({ kind, state }) => {
      it('produces at least one event', () => {
        expect(decide(viewFor(kind, state), commands[kind], places).length).toBeGreaterThan(0);
      });

      it('leaves the order in the expected state once the events are applied', () => {
        const view = viewFor(kind, state);
        const next = apply(view, decide(view, commands[kind], places));
        expect(next.state).toBe(stateAfter[kind] ?? state);
        expect(next.version).toBeGreaterThan(view.version);
      });
    },
  );

  describe.each(table.filter((r) => !r.allowed))(
    '$kind from $state (forbidden)',
    ({ kind, state }) => {
      it(`throws state_conflict naming the state`, () => {
        const err = thrown(() => decide(viewFor(kind, state), commands[kind], places));
        expect(err).toBeInstanceOf(DomainError);
        expect(err).toMatchObject({ code: 'state_conflict', details: { state } });
        expect((err as DomainError).message).toContain(state);
      });
    },
  );
});

describe('resolve', () => {
  it('keeps the result text on the view', () => {
    const view = viewOf(...pathTo.in_progress);
    const next = apply(
      view,
      decide(view, { kind: 'resolve', input: { result: '已更换变压器，恢复供电' } }, places),
    );
    expect(next.state).toBe('resolved');
    expect(next.result).toBe('已更换变压器，恢复供电');
  });

  it('carries the reply for the citizen on the event, and leaves it out when none is given', () => {
    const view = viewOf(...pathTo.accepted);
    expect(
      decide(view, { kind: 'resolve', input: { result: '已处理', reply: '您好' } }, places),
    ).toEqual([{ type: 'order.resolved', result: '已处理', reply: '您好' }]);
    expect(decide(view, { kind: 'resolve', input: { result: '已处理' } }, places)).toEqual([
      { type: 'order.resolved', result: '已处理' },
    ]);
  });
});

describe('return (退单)', () => {
  const view = viewOf(...pathTo.accepted);
  const events = decide(
    view,
    {
      kind: 'return',
      stationId: 'yiyuan-grid',
      input: { reason: 'wrong_area', note: '不在本社区', suggestedCode: '110105019028' },
    },
    places,
  );
  const next = apply(view, events);

  it('records the reason, note and suggested code on the event', () => {
    expect(events).toEqual([
      {
        type: 'order.returned',
        stationId: 'yiyuan-grid',
        reason: 'wrong_area',
        note: '不在本社区',
        suggestedCode: '110105019028',
        awaitsReview: true,
      },
    ]);
  });

  it('makes the order wait for a dispatcher to review the return (退单审核)', () => {
    expect(next.state).toBe('returned');
  });

  it('records the return on the view, pending review, with the state it left', () => {
    expect(next.returns).toEqual([
      {
        stationId: 'yiyuan-grid',
        reason: 'wrong_area',
        note: '不在本社区',
        at: '2025-07-28T01:00:00.000Z',
        fromState: 'accepted',
        review: { status: 'pending' },
      },
    ]);
  });

  it('still reads a return recorded before review existed as straight to triage', () => {
    const legacy = viewOf(...pathTo.accepted, returnedBy('yiyuan-grid', 'wrong_area'));
    expect(legacy.state).toBe('triage');
    expect(legacy.returns[0]).not.toHaveProperty('review');
  });

  it('clears the station', () => {
    expect(view.station).toEqual({ id: 'yiyuan-grid', name: '翠城艺园社区网格工作站' });
    expect(next.station).toBeNull();
  });

  it('keeps every earlier return when the order is returned again', () => {
    const twice = viewOf(
      ...pathTo.dispatched,
      returnedBy('yiyuan-grid', 'wrong_area'),
      dispatchedTo('xiyuan-grid'),
      returnedBy('xiyuan-grid', 'not_our_duty'),
    );
    expect(twice.returns.map((r) => [r.stationId, r.reason])).toEqual([
      ['yiyuan-grid', 'wrong_area'],
      ['xiyuan-grid', 'not_our_duty'],
    ]);
  });
});

describe('dispatch (改派)', () => {
  it('sends the order to the named station with a manual route', () => {
    const view = viewOf(...pathTo.triage);
    const next = apply(view, decide(view, { kind: 'dispatch', stationId: 'xiyuan-grid' }, places));
    expect(next.state).toBe('dispatched');
    expect(next.station).toEqual({ id: 'xiyuan-grid', name: '翠城熙园社区网格工作站' });
    expect(next.route).toMatchObject({
      outcome: 'routed',
      rule: 'manual',
      stationId: 'xiyuan-grid',
    });
  });

  it('refuses the station that returned the order as wrong_area (属地不符)', () => {
    const view = viewOf(...pathTo.accepted, returnedBy('yiyuan-grid', 'wrong_area'));
    const err = thrown(() => decide(view, { kind: 'dispatch', stationId: 'yiyuan-grid' }, places));
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'same_route_after_return' });
  });

  it('still allows another station after a wrong_area return', () => {
    const view = viewOf(...pathTo.accepted, returnedBy('yiyuan-grid', 'wrong_area'));
    expect(decide(view, { kind: 'dispatch', stationId: 'xiyuan-grid' }, places)).toMatchObject([
      { type: 'order.dispatched', stationId: 'xiyuan-grid' },
    ]);
  });

  it.each(['ownership_unclear', 'overlapping_duties', 'not_our_duty'] as const)(
    'allows the station that returned the order for %s',
    (reason) => {
      const view = viewOf(...pathTo.accepted, returnedBy('yiyuan-grid', reason));
      expect(decide(view, { kind: 'dispatch', stationId: 'yiyuan-grid' }, places)).toMatchObject([
        { type: 'order.dispatched', stationId: 'yiyuan-grid' },
      ]);
    },
  );

  it('refuses a wrong_area station even when it also returned the order for another reason', () => {
    const view = viewOf(
      ...pathTo.accepted,
      returnedBy('yiyuan-grid', 'not_our_duty'),
      dispatchedTo('yiyuan-grid'),
      returnedBy('yiyuan-grid', 'wrong_area'),
    );
    expect(
      thrown(() => decide(view, { kind: 'dispatch', stationId: 'yiyuan-grid' }, places)),
    ).toMatchObject({ code: 'same_route_after_return' });
  });

  it('refuses a station not in the directory', () => {
    const err = thrown(() =>
      decide(viewOf(...pathTo.triage), { kind: 'dispatch', stationId: 'no-such-grid' }, places),
    );
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      code: 'unknown_station',
      details: { errors: [{ path: 'stationId' }] },
    });
  });
});

describe('request_extension (延期)', () => {
  const request = (requestedDueAt: string): Command => ({
    kind: 'request_extension',
    input: { reason: '需协调供电公司', requestedDueAt },
    now: NOW,
  });

  it('records a pending request asked for by the acting station', () => {
    const view = viewOf(...pathTo.contacted);
    const next = apply(view, decide(view, request('2025-08-10T18:00:00+08:00'), places));
    expect(next.state).toBe('contacted');
    expect(next.extensions).toEqual([
      {
        status: 'pending',
        reason: '需协调供电公司',
        requestedDueAt: '2025-08-10T18:00:00+08:00',
        requestedBy: 'yiyuan-grid',
        cycle: 1,
      },
    ]);
  });

  it.each([
    { when: 'in the past', requestedDueAt: '2025-07-27T09:00:00+08:00' },
    { when: 'exactly now', requestedDueAt: '2025-07-28T09:00:00+08:00' },
    { when: 'in the past in another zone', requestedDueAt: '2025-07-28T00:59:00Z' },
  ])('refuses a requested deadline $when', ({ requestedDueAt }) => {
    const err = thrown(() => decide(viewOf(...pathTo.accepted), request(requestedDueAt), places));
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      code: 'validation_failed',
      details: { errors: [{ path: 'requestedDueAt' }] },
    });
  });

  it('refuses a second request while one is pending', () => {
    const view = viewOf(...pathTo.accepted, extensionRequested);
    const err = thrown(() => decide(view, request('2025-08-20T18:00:00+08:00'), places));
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'extension_not_allowed' });
  });

  it('allows a new request once the earlier one was decided', () => {
    const view = viewOf(...pathTo.accepted, extensionRequested, {
      type: 'order.extension_decided',
      approved: false,
    });
    expect(decide(view, request('2025-08-20T18:00:00+08:00'), places)).toHaveLength(1);
  });
});

describe('decide_extension', () => {
  const pending = viewOf(...pathTo.contacted, extensionRequested);

  it('approves with newDueAt defaulting to the requested time', () => {
    const events = decide(pending, { kind: 'decide_extension', input: { approved: true } }, places);
    expect(events).toEqual([
      { type: 'order.extension_decided', approved: true, newDueAt: '2025-08-10T18:00:00+08:00' },
    ]);
    expect(apply(pending, events).extensions).toEqual([
      expect.objectContaining({
        status: 'approved',
        requestedDueAt: '2025-08-10T18:00:00+08:00',
        newDueAt: '2025-08-10T18:00:00+08:00',
      }),
    ]);
  });

  it('approves with the newDueAt the dispatcher gives', () => {
    const events = decide(
      pending,
      {
        kind: 'decide_extension',
        input: { approved: true, newDueAt: '2025-08-05T18:00:00+08:00' },
      },
      places,
    );
    expect(events).toMatchObject([{ approved: true, newDueAt: '2025-08-05T18:00:00+08:00' }]);
    expect(apply(pending, events).extensions[0]?.newDueAt).toBe('2025-08-05T18:00:00+08:00');
  });

  it('keeps no newDueAt on a denial, even if one is given', () => {
    const events = decide(
      pending,
      {
        kind: 'decide_extension',
        input: { approved: false, newDueAt: '2025-08-05T18:00:00+08:00', note: '理由不充分' },
      },
      places,
    );
    expect(events).toEqual([
      { type: 'order.extension_decided', approved: false, note: '理由不充分' },
    ]);
    const ext = apply(pending, events).extensions[0];
    expect(ext?.status).toBe('denied');
    expect(ext).not.toHaveProperty('newDueAt');
  });

  it('refuses a decision when no request is waiting', () => {
    const err = thrown(() =>
      decide(
        viewOf(...pathTo.contacted),
        { kind: 'decide_extension', input: { approved: true } },
        places,
      ),
    );
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'extension_not_allowed', details: { state: 'contacted' } });
  });

  it('does not change the order state', () => {
    expect(
      apply(
        pending,
        decide(pending, { kind: 'decide_extension', input: { approved: true } }, places),
      ).state,
    ).toBe('contacted');
  });
});

describe('督办 by hand: urge and supervise', () => {
  const working = viewOf(...pathTo.contacted);

  it('urges the station holding the order, with the note, in the current cycle', () => {
    const events = decide(working, { kind: 'urge', note: '请今天办结' }, places);
    expect(events).toEqual([
      { type: 'supervision.urged', cycle: 1, note: '请今天办结', stationId: 'yiyuan-grid' },
    ]);
    const next = apply(working, events);
    expect(next.supervision).toMatchObject({ urges: 1, escalations: [] });
    expect(next.supervision?.level).toBeUndefined();
    // By hand marks nothing as emitted: the policy's own 催办 still comes at the deadline.
    expect(next.slaFacts.emitted).toEqual([]);
  });

  it('refuses to urge an order no station holds', () => {
    const err = thrown(() => decide(viewOf(...pathTo.triage), { kind: 'urge', note: 'x' }, places));
    expect(err).toMatchObject({ code: 'state_conflict', details: { state: 'triage' } });
  });

  it('keeps the highest level reached, and every escalation with who made it', () => {
    const district = apply(
      working,
      decide(working, { kind: 'supervise', level: 'district', note: '区督办' }, places),
    );
    const again = apply(
      district,
      decide(district, { kind: 'supervise', level: 'street', note: '街道跟进' }, places),
    );
    expect(again.supervision?.level).toBe('district');
    expect(again.supervision?.escalations.map((x) => [x.level, x.note])).toEqual([
      ['district', '区督办'],
      ['street', '街道跟进'],
    ]);
  });
});
