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

function escalations(o: OrderView): HTMLElement | null {
  const m = words();
  const s = o.supervision;
  if (!s || s.escalations.length === 0) return null;
  return h(
    'div',
    { class: 'supervision-record' },
    h('h4', {}, m.supervision.order.escalations),
    h(
      'ul',
      { class: 'plain' },
      s.escalations.map((e) =>
        h(
          'li',
          {},
          h(
            'span',
            { class: `tag ${e.level === 'district' ? 'breached' : 'warn'}` },
            levelName(e.level),
          ),
          ' ',
          beijingTime(e.at),
          ' · ',
          e.by === 'policy'
            ? m.supervision.order.byPolicy
            : fmt(m.supervision.order.byHand, { who: e.by }),
          e.note ? [h('br'), h('span', { class: 'muted' }, e.note)] : null,
        ),
      ),
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
      escalations(o),
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
