// One order in the supervisor's queue: what it is about, who holds it, its deadlines (missed ones
// red, with how long ago), the escalation level and the 督办 so far, and the two things a supervisor
// does by hand: 催办 (urge the station) and 督办 (put it under supervision), each with a note.
import type { OrderView } from '../../../../../contracts/views.js';
import type { SupervisionLevel } from '../../../../../contracts/sla.js';
import { h } from '../lib/dom.js';
import { fmt, label, messages } from '../lib/messages.js';
import { beijingTime, countdown, deadlineTime } from '../lib/time.js';

export type SupervisorAction = 'urge' | 'supervise';

export interface CardHost {
  /** Sends the action with the note; true when it was recorded (the queue is then re-read). */
  act: (order: OrderView, action: SupervisorAction, note: string) => Promise<boolean>;
}

const words = () => messages<'supervision'>();

/** The deadlines in the order a station meets them. */
const targetOrder = ['accept', 'respond', 'resolve'];

/** This cycle's running and stopped deadlines, the station's (回访 is the hotline's own). */
function deadlines(o: OrderView): HTMLElement {
  const m = words();
  const cycle = o.sla?.cycle ?? o.slaFacts.cycle;
  const figures = (o.sla?.figures ?? [])
    .filter((f) => f.cycle === cycle && f.target !== 'callback')
    .sort((a, b) => targetOrder.indexOf(a.target) - targetOrder.indexOf(b.target));
  return h(
    'ul',
    { class: 'deadline-list' },
    figures.map((f) => {
      const late = f.stoppedAt === undefined && Date.parse(f.dueAt) <= Date.now();
      return h(
        'li',
        { class: `deadline ${late ? 'breached' : f.status}`, 'data-target': f.target },
        h('span', { class: 'deadline-target' }, label(m.common.targets, f.target)),
        h('span', {}, fmt(m.supervision.order.dueAt, { time: deadlineTime(f.dueAt) })),
        f.stoppedAt !== undefined
          ? h('span', { class: 'deadline-status' }, m.supervision.order.met)
          : h('span', { class: 'deadline-status' }, countdown(f.dueAt)),
      );
    }),
  );
}

/** One line of the 督办记录: a 催办 or an escalation, by the policy or by hand. */
interface RecordEntry {
  kind: 'urge' | 'street' | 'district';
  at: string;
  by: string;
  note?: string | undefined;
}

/** Every 催办 and 督办 on the order, automatic or by hand, newest first. */
function recordEntries(o: OrderView): RecordEntry[] {
  const s = o.supervision;
  if (!s) return [];
  const entries: RecordEntry[] = [
    ...(s.urged ?? []).map((u) => ({ kind: 'urge' as const, at: u.at, by: u.by, note: u.note })),
    ...s.escalations.map((e) => ({ kind: e.level, at: e.at, by: e.by, note: e.note })),
  ];
  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

function record(o: OrderView): HTMLElement | null {
  const d = words().supervision.order;
  const entries = recordEntries(o);
  if (entries.length === 0) return null;
  return h(
    'div',
    { class: 'supervision-record' },
    h('h4', {}, d.escalations),
    h(
      'ul',
      { class: 'plain' },
      entries.map((e) => {
        const urge = e.kind === 'urge';
        const who =
          e.by === 'policy'
            ? urge
              ? d.urgedByPolicy
              : d.byPolicy
            : fmt(urge ? d.urgedByHand : d.byHand, { who: e.by });
        return h(
          'li',
          { 'data-kind': e.kind },
          h(
            'span',
            { class: `tag ${e.kind === 'district' ? 'breached' : 'warn'}` },
            urge ? d.urge : levelName(e.kind as SupervisionLevel),
          ),
          ' ',
          beijingTime(e.at),
          ' · ',
          who,
          e.note ? [h('br'), h('span', { class: 'muted' }, e.note)] : null,
        );
      }),
    ),
  );
}

export const levelName = (level: SupervisionLevel): string =>
  label(words().common.supervisionLevels, level);

export function queueCard(o: OrderView, host: CardHost): HTMLLIElement {
  const m = words();
  const c = m.common;
  const d = m.supervision.order;
  const a = m.supervision.act;
  const noteId = `note-${o.id}`;
  const errorId = `error-${o.id}`;
  const note = h('textarea', {
    id: noteId,
    rows: 2,
    maxlength: 1000,
    'aria-describedby': `hint-${o.id} ${errorId}`,
  });
  const error = h('p', { class: 'form-error', id: errorId, role: 'alert' });
  error.hidden = true;
  const send = (action: SupervisorAction) => () => void sendNow(action);
  const sendNow = async (action: SupervisorAction) => {
    const text = note.value.trim();
    if (!text) {
      error.textContent = a.needNote;
      error.hidden = false;
      note.focus();
      return;
    }
    error.hidden = true;
    for (const b of buttons) b.disabled = true;
    const ok = await host.act(o, action, text);
    for (const b of buttons) b.disabled = false;
    if (ok) note.value = '';
  };
  const buttons = [
    h('button', { type: 'button', class: 'primary', onclick: send('urge') }, a.urge),
    h('button', { type: 'button', onclick: send('supervise') }, a.supervise),
  ];
  const level = o.supervision?.level;
  const urgency = o.order.urgency;
  const place = o.order.location.address ?? o.order.location.community;
  return h(
    'li',
    { class: 'card dispatch-card supervision-card', 'data-order': o.id },
    h(
      'div',
      { class: 'order-summary' },
      h(
        'h3',
        { class: 'order-title' },
        level
          ? h(
              'span',
              { class: `tag ${level === 'district' ? 'breached' : 'warn'}` },
              levelName(level),
            )
          : null,
        ' ',
        urgency !== 'normal'
          ? h('span', { class: `tag ${urgency}` }, label(c.urgency, urgency))
          : null,
        urgency !== 'normal' ? ' ' : null,
        o.order.title,
      ),
      h(
        'p',
        { class: 'order-tags' },
        h('span', { class: 'tag' }, label(c.states, o.state)),
        o.supervision && o.supervision.urges > 0
          ? [' ', h('span', { class: 'tag warn' }, fmt(d.urges, { n: o.supervision.urges }))]
          : null,
      ),
      h('h4', {}, d.deadlines),
      deadlines(o),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, d.station),
        h('dd', {}, o.station?.name ?? d.noStation),
        h('dt', {}, d.receivedAt),
        h('dd', {}, beijingTime(o.order.receivedAt)),
        place ? [h('dt', {}, d.address), h('dd', {}, place)] : null,
        h('dt', {}, d.externalId),
        h('dd', {}, o.externalId),
      ),
      h(
        'details',
        { class: 'order-text' },
        h('summary', {}, d.content),
        h('p', {}, o.order.content),
      ),
      record(o),
    ),
    h(
      'div',
      { class: 'supervision-form' },
      h('label', { for: noteId }, a.note),
      h('p', { class: 'muted', id: `hint-${o.id}` }, a.noteHint),
      note,
      error,
      h('div', { class: 'actions' }, ...buttons),
    ),
  );
}
