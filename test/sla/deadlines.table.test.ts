// Due times to the second on a fake clock, against the shipped policy and the 2024–2026 calendar.
// Each row names the rule of the trade it checks; the expected times were worked out by hand from the
// State Council holiday notices (see deploy/example/calendar.json).
import { describe, expect, it } from 'vitest';
import type { EventData } from '../../contracts/events.js';
import type { SlaPolicy, SlaTarget } from '../../contracts/sla.js';
import type { OrderView } from '../../contracts/views.js';
import { assessSla } from '../../src/domain/sla/assess.js';
import {
  cst,
  dispatched,
  exampleCalendar,
  examplePolicy,
  history,
  order,
} from '../support/sla-fixtures.js';

const accepted: EventData = { type: 'order.accepted' };
const contacted: EventData = { type: 'order.contacted' };
const resolved: EventData = { type: 'order.resolved', result: '已修复' };
const pause: EventData = { type: 'order.paused', reason: '等待居民在家' };
const resume: EventData = { type: 'order.resumed' };
const returned: EventData = {
  type: 'order.returned',
  stationId: 'cuicheng-yiyuan-grid',
  reason: 'wrong_area',
  note: '不属本社区',
};
const triaged: EventData = {
  type: 'order.triaged',
  decision: { outcome: 'triage', candidates: [], reason: 'returned' },
};

const heatingPolicy: SlaPolicy = {
  ...examplePolicy,
  rules: [
    ...examplePolicy.rules,
    {
      id: 'heating-hours',
      match: { topicPrefix: ['供暖'] },
      targets: { resolve: { amount: 16, clock: 'working_hours', warnAt: [0.5], pausable: false } },
    },
  ],
};

interface Row {
  name: string;
  view: OrderView;
  target: SlaTarget;
  cycle?: number;
  due: string; // local time in Asia/Shanghai
  now?: string;
  status?: string;
  uncertain?: boolean;
  policy?: SlaPolicy;
}

const general = order('2026-03-02T10:00:00');
const generalDispatched = history(general, [['2026-03-02T10:00:00', dispatched()]]);

const rows: Row[] = [
  // A plain week (Mon 2026-03-02).
  {
    name: 'general resolve: 7 working days from the day after, due 24:00 of the 7th',
    view: generalDispatched,
    target: 'resolve',
    due: '2026-03-12T00:00:00',
  },
  {
    name: 'general respond: 24 clock hours',
    view: generalDispatched,
    target: 'respond',
    due: '2026-03-03T10:00:00',
  },
  {
    name: 'general accept: 1 working day from dispatch',
    view: generalDispatched,
    target: 'accept',
    due: '2026-03-04T00:00:00',
  },
  {
    name: 'received on Friday: the weekend does not count',
    view: history(order('2026-03-06T10:00:00'), []),
    target: 'resolve',
    due: '2026-03-18T00:00:00',
  },
  {
    name: 'received on Saturday: counting starts Monday',
    view: history(order('2026-03-07T10:00:00'), []),
    target: 'resolve',
    due: '2026-03-18T00:00:00',
  },
  // National Day 2026: 10-01..10-07 off, 09-20 (Sun) and 10-10 (Sat) are make-up working days.
  {
    name: 'National Day: the week off is skipped and 10-10 counts',
    view: history(order('2026-09-29T15:00:00'), []),
    target: 'resolve',
    due: '2026-10-15T00:00:00',
  },
  {
    name: 'make-up Sunday 09-20 counts; Mid-Autumn 09-25..27 does not',
    view: history(order('2026-09-19T09:00:00'), []),
    target: 'resolve',
    due: '2026-09-30T00:00:00',
  },
  {
    name: '23:59 on the last working day before National Day: resolve',
    view: history(order('2026-09-30T23:59:00'), [['2026-09-30T23:59:00', dispatched()]]),
    target: 'resolve',
    due: '2026-10-16T00:00:00',
  },
  {
    name: '23:59 before National Day: respond runs on the clock through the holiday',
    view: history(order('2026-09-30T23:59:00'), [['2026-09-30T23:59:00', dispatched()]]),
    target: 'respond',
    due: '2026-10-01T23:59:00',
  },
  {
    name: '23:59 before National Day: accept is due at the end of the first working day after',
    view: history(order('2026-09-30T23:59:00'), [['2026-09-30T23:59:00', dispatched()]]),
    target: 'accept',
    due: '2026-10-09T00:00:00',
  },
  // Spring Festival 2026: 02-15..02-23 off; 02-14 and 02-28 (Saturdays) are working days.
  {
    name: 'Spring Festival: both make-up Saturdays count',
    view: history(order('2026-02-13T10:00:00'), []),
    target: 'resolve',
    due: '2026-03-03T00:00:00',
  },
  {
    name: 'received on New Year holiday: counting starts at the make-up Sunday 01-04',
    view: history(order('2026-01-02T10:00:00'), []),
    target: 'resolve',
    due: '2026-01-13T00:00:00',
  },
  {
    name: '2025 National Day + Mid-Autumn (10-01..10-08 off, 10-11 works)',
    view: history(order('2025-09-30T10:00:00'), []),
    target: 'resolve',
    due: '2025-10-17T00:00:00',
  },
  {
    name: '2024 Spring Festival (02-09 works, 02-10..02-17 off, 02-18 works)',
    view: history(order('2024-02-08T10:00:00'), []),
    target: 'resolve',
    due: '2024-02-24T00:00:00',
  },
  // Consultation: 1 working day.
  {
    name: 'consultation on Friday before a make-up Saturday (05-09)',
    view: history(order('2026-05-08T16:00:00', { type: 'consultation' }), []),
    target: 'resolve',
    due: '2026-05-10T00:00:00',
  },
  {
    name: 'consultation on the eve of Labour Day (05-01..05-05 off)',
    view: history(order('2026-04-30T16:00:00', { type: 'consultation' }), []),
    target: 'resolve',
    due: '2026-05-07T00:00:00',
  },
  // Emergencies run on the clock, 24/7.
  {
    name: 'emergency respond across midnight',
    view: history(order('2026-03-02T23:30:00', { urgency: 'emergency' }), [
      ['2026-03-02T23:30:00', dispatched()],
    ]),
    target: 'respond',
    due: '2026-03-03T01:30:00',
  },
  {
    name: 'emergency resolve across midnight',
    view: history(order('2026-03-02T23:30:00', { urgency: 'emergency' }), [
      ['2026-03-02T23:30:00', dispatched()],
    ]),
    target: 'resolve',
    due: '2026-03-03T23:30:00',
  },
  {
    name: 'emergency accept within a clock hour',
    view: history(order('2026-03-02T23:30:00', { urgency: 'emergency' }), [
      ['2026-03-02T23:30:00', dispatched()],
    ]),
    target: 'accept',
    due: '2026-03-03T00:30:00',
  },
  {
    name: 'emergency on a holiday: respond',
    view: history(order('2026-10-01T10:00:00', { urgency: 'emergency' }), []),
    target: 'respond',
    due: '2026-10-01T12:00:00',
  },
  {
    name: 'emergency across a holiday: resolve',
    view: history(order('2026-10-01T10:00:00', { urgency: 'emergency' }), []),
    target: 'resolve',
    due: '2026-10-02T10:00:00',
  },
  {
    name: 'emergency consultation: urgency is the more specific match',
    view: history(order('2026-03-02T23:30:00', { urgency: 'emergency', type: 'consultation' }), []),
    target: 'resolve',
    due: '2026-03-03T23:30:00',
  },
  // Working hours (09:00–12:00, 13:30–17:30).
  {
    name: 'working hours: 16 h from Monday 16:00',
    view: history(order('2026-03-02T16:00:00', { topic: ['供暖', '温度不达标'] }), []),
    target: 'resolve',
    due: '2026-03-05T09:30:00',
    policy: heatingPolicy,
  },
  {
    name: 'working hours: received at lunch starts at 13:30',
    view: history(order('2026-03-02T12:10:00', { topic: ['供暖'] }), []),
    target: 'resolve',
    due: '2026-03-04T15:30:00',
    policy: heatingPolicy,
  },
  // Pauses (挂起): resolve is pausable, respond is not.
  {
    name: 'pause across a weekend moves the resolve deadline by the working time paused',
    view: history(general, [
      ['2026-03-02T10:00:00', dispatched()],
      ['2026-03-02T11:00:00', accepted],
      ['2026-03-06T09:00:00', pause],
      ['2026-03-09T09:00:00', resume],
    ]),
    target: 'resolve',
    due: '2026-03-13T00:00:00',
  },
  {
    name: 'a pause does not move the respond deadline',
    view: history(general, [
      ['2026-03-02T10:00:00', dispatched()],
      ['2026-03-02T11:00:00', accepted],
      ['2026-03-02T12:00:00', pause],
      ['2026-03-04T09:00:00', resume],
    ]),
    target: 'respond',
    due: '2026-03-03T10:00:00',
  },
  {
    name: 'an open pause shows as paused with the deadline as if resumed now',
    view: history(general, [
      ['2026-03-02T10:00:00', dispatched()],
      ['2026-03-02T11:00:00', accepted],
      ['2026-03-06T00:00:00', pause],
    ]),
    target: 'resolve',
    now: '2026-03-09T00:00:00',
    due: '2026-03-13T00:00:00',
    status: 'paused',
  },
  // Extensions (延期): only an approved one moves the deadline.
  {
    name: 'approved extension sets the resolve deadline',
    view: history(general, [
      ['2026-03-02T10:00:00', dispatched()],
      ['2026-03-02T11:00:00', accepted],
      [
        '2026-03-05T10:00:00',
        {
          type: 'order.extension_requested',
          reason: '需协调产权单位',
          requestedDueAt: '2026-03-20T18:00:00+08:00',
        },
      ],
      [
        '2026-03-05T15:00:00',
        { type: 'order.extension_decided', approved: true, newDueAt: '2026-03-20T18:00:00+08:00' },
      ],
    ]),
    target: 'resolve',
    due: '2026-03-20T18:00:00',
  },
  {
    name: 'a denied extension leaves the deadline alone',
    view: history(general, [
      ['2026-03-02T10:00:00', dispatched()],
      ['2026-03-02T11:00:00', accepted],
      [
        '2026-03-05T10:00:00',
        {
          type: 'order.extension_requested',
          reason: '需协调',
          requestedDueAt: '2026-03-20T18:00:00+08:00',
        },
      ],
      ['2026-03-05T15:00:00', { type: 'order.extension_decided', approved: false }],
    ]),
    target: 'resolve',
    due: '2026-03-12T00:00:00',
  },
  // Return and re-route (退单/改派): the order's clock keeps running.
  {
    name: 'return and re-route keep the resolve clock',
    view: history(general, [
      ['2026-03-02T10:00:00', dispatched()],
      ['2026-03-03T09:00:00', returned],
      ['2026-03-03T09:00:00', triaged],
      ['2026-03-03T11:00:00', dispatched('cuicheng-xinyuan-grid')],
      ['2026-03-03T15:00:00', accepted],
    ]),
    target: 'resolve',
    due: '2026-03-12T00:00:00',
  },
  {
    name: 'return and re-route: acceptance counted from the first dispatch, met',
    view: history(general, [
      ['2026-03-02T10:00:00', dispatched()],
      ['2026-03-03T09:00:00', returned],
      ['2026-03-03T11:00:00', dispatched('cuicheng-xinyuan-grid')],
      ['2026-03-03T15:00:00', accepted],
    ]),
    target: 'accept',
    due: '2026-03-04T00:00:00',
    status: 'met',
  },
  // Reopen (重办): a new cycle with its own deadlines; the old cycle stays in the history.
  {
    name: 'reopen starts cycle 2: resolve from the day after the reopen',
    view: history(general, [
      ['2026-03-02T10:00:00', dispatched()],
      ['2026-03-05T10:00:00', resolved],
      [
        '2026-03-06T14:00:00',
        {
          type: 'order.reopened',
          reason: '回访不满意',
          stationId: 'cuicheng-yiyuan-grid',
          stationName: 'x',
        },
      ],
    ]),
    target: 'resolve',
    cycle: 2,
    due: '2026-03-18T00:00:00',
  },
  {
    name: 'reopen: cycle 1 resolve stays met',
    view: history(general, [
      ['2026-03-02T10:00:00', dispatched()],
      ['2026-03-05T10:00:00', resolved],
      [
        '2026-03-06T14:00:00',
        {
          type: 'order.reopened',
          reason: '回访不满意',
          stationId: 'cuicheng-yiyuan-grid',
          stationName: 'x',
        },
      ],
    ]),
    target: 'resolve',
    cycle: 1,
    due: '2026-03-12T00:00:00',
    status: 'met',
  },
  {
    name: 'callback: the working day after resolution',
    view: history(general, [
      ['2026-03-02T10:00:00', dispatched()],
      ['2026-03-06T16:00:00', resolved],
    ]),
    target: 'callback',
    due: '2026-03-10T00:00:00',
  },
  // Years the calendar does not know: weekends only, marked uncertain.
  {
    name: '2027 is not in the calendar: weekends only, uncertain',
    view: history(order('2027-03-01T10:00:00'), []),
    target: 'resolve',
    due: '2027-03-11T00:00:00',
    uncertain: true,
  },
  {
    name: 'a deadline running into 2027 is uncertain',
    view: history(order('2026-12-28T10:00:00'), []),
    target: 'resolve',
    due: '2027-01-07T00:00:00',
    uncertain: true,
  },
  {
    name: 'a deadline inside a known year is certain',
    view: generalDispatched,
    target: 'resolve',
    due: '2026-03-12T00:00:00',
    uncertain: false,
  },
  // Status at a moment.
  {
    name: 'breached when the deadline passes unresolved',
    view: generalDispatched,
    target: 'respond',
    now: '2026-03-03T10:00:00',
    due: '2026-03-03T10:00:00',
    status: 'breached',
  },
  {
    name: 'warning past 50% of the allowed time',
    view: generalDispatched,
    target: 'respond',
    now: '2026-03-02T22:00:00',
    due: '2026-03-03T10:00:00',
    status: 'warning',
  },
  {
    name: 'on track before the first threshold',
    view: generalDispatched,
    target: 'respond',
    now: '2026-03-02T21:59:59',
    due: '2026-03-03T10:00:00',
    status: 'on_track',
  },
  {
    name: 'met when contacted in time',
    view: history(general, [
      ['2026-03-02T10:00:00', dispatched()],
      ['2026-03-02T11:00:00', accepted],
      ['2026-03-03T09:59:59', contacted],
    ]),
    target: 'respond',
    due: '2026-03-03T10:00:00',
    status: 'met',
  },
  {
    name: 'breached when contacted late',
    view: history(general, [
      ['2026-03-02T10:00:00', dispatched()],
      ['2026-03-02T11:00:00', accepted],
      ['2026-03-03T10:00:01', contacted],
    ]),
    target: 'respond',
    due: '2026-03-03T10:00:00',
    status: 'breached',
  },
];

describe('SLA deadlines on the working calendar', () => {
  it('has at least 30 cases', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });

  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, r) => {
    const now = Date.parse(cst(r.now ?? '2026-03-02T10:00:01'));
    const { summary } = assessSla(r.view, r.policy ?? examplePolicy, exampleCalendar, now);
    const figure = summary.figures.find((f) => f.target === r.target && f.cycle === (r.cycle ?? 1));
    expect(figure, `no ${r.target} figure`).toBeDefined();
    expect(figure?.dueAt).toBe(cst(r.due));
    if (r.status) expect(figure?.status).toBe(r.status);
    if (r.uncertain !== undefined) expect(figure?.uncertain).toBe(r.uncertain);
  });
});

describe('warnings and holdings', () => {
  it('schedules the 50% and 75% warnings and the breach of a 7-working-day target', () => {
    const { fires } = assessSla(
      generalDispatched,
      examplePolicy,
      exampleCalendar,
      Date.parse(cst('2026-03-02T10:00:01')),
    );
    const resolveFires = fires
      .filter((f) => f.target === 'resolve')
      .map((f) => [f.kind, new Date(f.at).toISOString()]);
    expect(resolveFires).toEqual([
      [0.5, cst('2026-03-06T12:00:00')],
      [0.75, cst('2026-03-10T06:00:00')],
      // 督办 of the example policy (test/sla/supervision.test.ts): 24 h reminder, 催办 at the due
      // time, street one working day later, district two working days after that (a weekend between).
      ['remind', cst('2026-03-11T00:00:00')],
      ['breach', cst('2026-03-12T00:00:00')],
      ['urge', cst('2026-03-12T00:00:00')],
      ['street', cst('2026-03-13T00:00:00')],
      ['district', cst('2026-03-17T00:00:00')],
    ]);
  });

  it('records which station held the order for how long across a return', () => {
    const view = history(general, [
      ['2026-03-02T10:00:00', dispatched()],
      ['2026-03-03T09:00:00', returned],
      ['2026-03-03T11:00:00', dispatched('cuicheng-xinyuan-grid')],
    ]);
    const figure = assessSla(
      view,
      examplePolicy,
      exampleCalendar,
      Date.parse(cst('2026-03-03T12:00:00')),
    ).summary.figures.find((f) => f.target === 'resolve');
    expect(figure?.holdings).toEqual([
      {
        stationId: 'cuicheng-yiyuan-grid',
        from: cst('2026-03-02T10:00:00'),
        to: cst('2026-03-03T09:00:00'),
      },
      { stationId: 'cuicheng-xinyuan-grid', from: cst('2026-03-03T11:00:00') },
    ]);
  });

  it('does not schedule what was already emitted', () => {
    const view = history(general, [
      ['2026-03-02T10:00:00', dispatched()],
      [
        '2026-03-02T22:00:00',
        {
          type: 'sla.warning',
          target: 'respond',
          cycle: 1,
          threshold: 0.5,
          dueAt: cst('2026-03-03T10:00:00'),
        },
      ],
    ]);
    const kinds = assessSla(
      view,
      examplePolicy,
      exampleCalendar,
      Date.parse(cst('2026-03-02T22:00:01')),
    )
      .fires.filter((f) => f.target === 'respond')
      .map((f) => f.kind);
    expect(kinds).toEqual([0.75, 'breach']);
  });
});
