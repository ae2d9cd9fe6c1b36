// One card per order in each queue: 待分拨 (dispatch to a candidate or a station found by name),
// 退单审核 (accept → pick a station; reject → a note), 延期审批 (approve with the new deadline, or
// deny), 超期 (which deadline was missed, and by how long).
import type { OrderView } from '../../../../../contracts/views.js';
import { h } from '../lib/dom.js';
import { fmt, label } from '../lib/messages.js';
import { beijingTime, countdown, deadlineTime, localInputToOffset } from '../lib/time.js';
import type { ConsoleContext, QueueItem } from './context.js';
import { orderSummary } from './order-summary.js';
import { stationPicker } from './station-picker.js';
import { assistControls } from './assist.js';

type Queue = 'triage' | 'returns' | 'extensions' | 'overdue';

/** Keyed by order and version, so a refresh keeps a card (and what was typed in it) until it changes. */
const card = (o: OrderView, ...children: (Node | null)[]) =>
  h(
    'li',
    { class: 'card dispatch-card', 'data-order': o.id, 'data-key': `${o.id}@${o.version}` },
    ...children,
  );

function triageCard(item: QueueItem, ctx: ConsoleContext): HTMLElement {
  const o = item.order;
  const m = ctx.m.dispatch;
  return card(
    o,
    orderSummary(o, ctx),
    stationPicker(item, ctx, (stationId, note) =>
      ctx.act(
        o,
        'dispatch',
        { stationId, ...(note ? { note } : {}) },
        fmt(m.dispatched, { station: ctx.stationName(stationId) }),
      ),
    ),
  );
}

function returnCard(item: QueueItem, ctx: ConsoleContext): HTMLElement {
  const o = item.order;
  const m = ctx.m.dispatch;
  const c = ctx.m.common;
  const r = o.returns.at(-1);
  const by = r ? ctx.stationName(r.stationId) : '';
  const noteId = `${o.id}-reject-note`;
  const rejectNote = h('textarea', { id: noteId, maxlength: 1000, rows: 3 });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const facts = r
    ? [
        h('dt', {}, m.returns.by),
        h('dd', {}, by),
        h('dt', {}, m.returns.reason),
        h('dd', {}, h('span', { class: 'tag warn' }, label(c.returnReasons, r.reason))),
        h('dt', {}, m.returns.note),
        h('dd', {}, r.note),
        h('dt', {}, m.returns.at),
        h('dd', {}, beijingTime(r.at)),
        r.fromState
          ? [h('dt', {}, m.returns.fromState), h('dd', {}, label(c.states, r.fromState))]
          : null,
      ].flat()
    : [];
  const excluded = new Set(r ? [r.stationId] : []);
  return card(
    o,
    orderSummary(
      o,
      ctx,
      facts.filter((x): x is HTMLElement => x !== null),
    ),
    h(
      'div',
      { class: 'review-grid' },
      h(
        'section',
        { class: 'review-accept', 'aria-label': m.returns.accept },
        h('h4', {}, m.returns.accept),
        h('p', { class: 'muted' }, m.returns.acceptHint),
        stationPicker(
          item,
          ctx,
          (stationId, note) =>
            ctx.act(
              o,
              'return-decision',
              { approved: true, stationId, ...(note ? { note } : {}) },
              fmt(m.returns.accepted, { station: ctx.stationName(stationId) }),
            ),
          excluded,
        ),
      ),
      h(
        'section',
        { class: 'review-reject', 'aria-label': m.returns.reject },
        h('h4', {}, m.returns.reject),
        h('label', { for: noteId }, m.returns.rejectNote),
        rejectNote,
        error,
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            onclick: () => {
              const note = rejectNote.value.trim();
              error.hidden = note !== '';
              error.textContent = note === '' ? m.returns.rejectNeedsNote : '';
              if (note === '') {
                rejectNote.focus();
                return;
              }
              void ctx.act(
                o,
                'return-decision',
                { approved: false, note },
                fmt(m.returns.rejected, { station: by }),
              );
            },
          },
          m.returns.rejectSubmit,
        ),
      ),
    ),
  );
}

/** 2026-03-13T18:00:00+08:00 → "2026-03-13T18:00" for a datetime-local input (Beijing time). */
function toLocalInput(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return t.slice(0, 16);
}

function extensionCard(item: QueueItem, ctx: ConsoleContext): HTMLElement {
  const o = item.order;
  const m = ctx.m.dispatch;
  const x = o.extensions.find((e) => e.status === 'pending');
  const due = o.sla?.figures.find((f) => f.target === 'resolve' && f.cycle === o.sla?.cycle);
  const dueId = `${o.id}-new-due`;
  const noteId = `${o.id}-ext-note`;
  const newDue = h('input', {
    id: dueId,
    type: 'datetime-local',
    value: x ? toLocalInput(x.requestedDueAt) : '',
  });
  const note = h('input', { id: noteId, type: 'text', maxlength: 1000 });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const noteValue = () => (note.value.trim() ? { note: note.value.trim() } : {});
  return card(
    o,
    orderSummary(
      o,
      ctx,
      x
        ? [
            h('dt', {}, m.extensions.station),
            h('dd', {}, ctx.stationName(x.requestedBy)),
            h('dt', {}, m.extensions.reason),
            h('dd', {}, x.reason),
            h('dt', {}, m.extensions.requested),
            h('dd', {}, deadlineTime(x.requestedDueAt)),
            due ? h('dt', {}, m.extensions.currentDue) : null,
            due ? h('dd', {}, deadlineTime(due.dueAt)) : null,
          ].filter((n): n is HTMLElement => n !== null)
        : [],
    ),
    h(
      'div',
      { class: 'extension-form' },
      h('label', { for: dueId }, m.extensions.newDue),
      newDue,
      h('label', { for: noteId }, m.extensions.note),
      note,
      error,
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            onclick: () => {
              error.hidden = newDue.value !== '';
              error.textContent = newDue.value ? '' : m.extensions.needsDue;
              if (!newDue.value) return;
              const at = localInputToOffset(newDue.value);
              void ctx.act(
                o,
                'extension-decision',
                { approved: true, newDueAt: at, ...noteValue() },
                fmt(m.extensions.approved, { due: deadlineTime(at) }),
              );
            },
          },
          m.extensions.approve,
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            onclick: () =>
              void ctx.act(
                o,
                'extension-decision',
                { approved: false, ...noteValue() },
                m.extensions.denied,
              ),
          },
          m.extensions.deny,
        ),
      ),
    ),
  );
}

function overdueCard(item: QueueItem, ctx: ConsoleContext): HTMLElement {
  const o = item.order;
  const m = ctx.m.dispatch;
  const now = Date.now();
  const missed = (o.sla?.figures ?? [])
    .filter((f) => f.stoppedAt === undefined && Date.parse(f.dueAt) <= now)
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return card(
    o,
    orderSummary(o, ctx, [
      h('dt', {}, m.overdue.missed),
      h(
        'dd',
        {},
        h(
          'ul',
          { class: 'plain' },
          missed.map((f) =>
            h(
              'li',
              {},
              h('span', { class: 'tag breached' }, countdown(f.dueAt, now)),
              ' ',
              fmt(m.overdue.by, {
                target: label(ctx.m.common.targets, f.target),
                due: deadlineTime(f.dueAt),
              }),
            ),
          ),
        ),
      ),
    ]),
    assistControls(o, ctx),
  );
}

export const renderCard: Record<Queue, (item: QueueItem, ctx: ConsoleContext) => HTMLElement> = {
  triage: triageCard,
  returns: returnCard,
  extensions: extensionCard,
  overdue: overdueCard,
};
