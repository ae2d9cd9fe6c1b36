// What a person must not be able to record because it would mislead them about a deadline: an
// extension that moves the 办结 deadline earlier (asked or approved), and a 挂起 that stops no clock.
import { describe, expect, it } from 'vitest';
import { buildPlaceIndex } from '../routing/place-index.js';
import { Gazetteer, StationDirectory } from '../../../contracts/places.js';
import { cst, dispatched, history, order } from '../../../test/support/sla-fixtures.js';
import { DomainError } from '../errors.js';
import { decide } from './decide.js';

const places = buildPlaceIndex(
  Gazetteer.parse({ places: [{ code: '110000', level: 'province', name: '北京市' }] }),
  StationDirectory.parse({
    stations: [{ id: 'cuicheng-yiyuan-grid', name: '翠城艺园社区网格工作站', covers: ['110000'] }],
  }),
);

const accepted = history(order('2026-03-02T08:00:00'), [
  ['2026-03-02T08:00:00', dispatched()],
  ['2026-03-02T08:10:00', { type: 'order.accepted' }],
]);
const resolveDueAt = cst('2026-03-11T00:00:00');
const now = new Date(cst('2026-03-03T09:00:00'));

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('extensions only ever move the 办结 deadline later', () => {
  it('refuses a request for a date before the current deadline, naming the field', () => {
    const err = refusal(() =>
      decide(
        accepted,
        {
          kind: 'request_extension',
          now,
          resolveDueAt,
          input: { reason: '等待配件', requestedDueAt: '2026-03-05T17:30:00+08:00' },
        },
        places,
      ),
    );
    expect(err.code).toBe('validation_failed');
    expect(err.details.errors?.[0]?.path).toBe('requestedDueAt');
  });

  it('takes a request for a later date', () => {
    const events = decide(
      accepted,
      {
        kind: 'request_extension',
        now,
        resolveDueAt,
        input: { reason: '等待配件', requestedDueAt: '2026-03-16T17:30:00+08:00' },
      },
      places,
    );
    expect(events[0]?.type).toBe('order.extension_requested');
  });

  it('refuses an approval whose new deadline is not later than the current one', () => {
    const pending = history(order('2026-03-02T08:00:00'), [
      ['2026-03-02T08:00:00', dispatched()],
      ['2026-03-02T08:10:00', { type: 'order.accepted' }],
      [
        '2026-03-03T09:00:00',
        {
          type: 'order.extension_requested',
          reason: '等待配件',
          requestedDueAt: '2026-03-16T17:30:00+08:00',
        },
      ],
    ]);
    const err = refusal(() =>
      decide(
        pending,
        {
          kind: 'decide_extension',
          resolveDueAt,
          input: { approved: true, newDueAt: '2026-03-06T17:30:00+08:00' },
        },
        places,
      ),
    );
    expect(err.code).toBe('validation_failed');
    expect(err.details.errors?.[0]?.path).toBe('newDueAt');
    const denied = decide(
      pending,
      { kind: 'decide_extension', resolveDueAt, input: { approved: false } },
      places,
    );
    expect(denied[0]).toMatchObject({ type: 'order.extension_decided', approved: false });
  });
});

describe('挂起 is recorded only when it stops a clock', () => {
  it('refuses a pause that would stop no open deadline of the order', () => {
    const err = refusal(() =>
      decide(accepted, { kind: 'pause', reason: '等待第三方', stopsAClock: false }, places),
    );
    expect(err.code).toBe('state_conflict');
  });

  it('records a pause that stops a clock', () => {
    const events = decide(
      accepted,
      { kind: 'pause', reason: '等待第三方', stopsAClock: true },
      places,
    );
    expect(events).toEqual([{ type: 'order.paused', reason: '等待第三方' }]);
  });
});
