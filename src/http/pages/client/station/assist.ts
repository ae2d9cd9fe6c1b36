// 主办/协办 in the station app. An order this station assists is marked 协办 (inbox row and detail)
// and shows only the station's own part: the dispatcher's request, its own 签收/反馈 deadlines,
// 签收协办 and the 反馈协办意见 form; the lead's actions are not offered (the API refuses them). On an
// order this station leads, the parts' status and opinions are listed, since 办结 waits for them.
import type { AssistView, OrderView } from '../../../../../contracts/views.js';
import { ApiError, api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { fmt, label, messages } from '../lib/messages.js';
import { notify } from '../lib/shell.js';
import { countdown, deadlineTime } from '../lib/time.js';
import { clearDrafts, draft, keepDraft } from './drafts.js';
import { ownPart, setViewerStation } from './assist-part.js';
import { isOutstanding, partItem, shownParts } from '../lib/assist-parts.js';

let changed: (view: OrderView) => void = () => undefined;

/** Who is looking (the station), and what to do with an order an assist action changed. */
export function setAssistViewer(stationId: string, onChange: (view: OrderView) => void): void {
  setViewerStation(stationId);
  changed = onChange;
}

/** The 协办 tag for an inbox row or the detail's head: with the part's status. */
export function assistTag(view: OrderView): HTMLSpanElement | null {
  const part = ownPart(view);
  if (!part) return null;
  const w = messages<'station'>().station.assist;
  return h(
    'span',
    { class: `tag assist ${part.status}` },
    `${w.tag} · ${label(w.status, part.status)}`,
  );
}

async function act(view: OrderView, path: string, body: Record<string, unknown>, done: string) {
  try {
    const next = await api<OrderView>(`/v1/orders/${encodeURIComponent(view.id)}/${path}`, {
      method: 'POST',
      body: { ...body, expectedVersion: view.version },
    });
    notify(done, 'ok');
    changed(next);
    return true;
  } catch (err) {
    const m = messages<'station'>();
    notify(
      fmt(m.common.errors.failed, { detail: err instanceof ApiError ? err.message : String(err) }),
    );
    return false;
  }
}

function partDeadlines(view: OrderView, part: AssistView): Node | null {
  const w = messages<'station'>().station.assist;
  const c = messages<'station'>().common;
  const figures = view.sla?.assists?.find((p) => p.part === part.part)?.figures ?? [];
  if (figures.length === 0) return null;
  return h(
    'ul',
    { class: 'deadline-list' },
    figures.map((f) =>
      h(
        'li',
        { class: `deadline ${f.status}`, 'data-target': `assist-${f.target}` },
        h('span', { class: 'deadline-target' }, fmt(w.due, { target: label(w.targets, f.target) })),
        h('span', {}, deadlineTime(f.dueAt)),
        f.stoppedAt === undefined ? h('span', { 'data-due': f.dueAt }, countdown(f.dueAt)) : null,
        h('span', { class: 'deadline-status' }, label(c.slaStatus, f.status)),
      ),
    ),
  );
}

function reportForm(view: OrderView): HTMLElement {
  const w = messages<'station'>().station.assist;
  const fieldId = `assist-opinion-${view.id}`;
  const hintId = `${fieldId}-hint`;
  const error = h('p', { class: 'form-error', role: 'alert' });
  const text = h('textarea', {
    id: fieldId,
    name: 'opinion',
    rows: 4,
    maxlength: 4000,
    required: true,
    'aria-describedby': hintId,
    oninput: () => keepDraft(view.id, 'assist', 'opinion', text.value),
  });
  text.value = draft(view.id, 'assist', 'opinion') ?? '';
  const form = h(
    'form',
    { class: 'action-form assist-form', novalidate: true },
    h('label', { for: fieldId }, w.opinion),
    h('p', { class: 'muted', id: hintId }, w.opinionHint),
    text,
    error,
    h('button', { type: 'submit', class: 'primary', 'data-action': 'assist-report' }, w.send),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const opinion = text.value.trim();
    if (opinion === '') {
      error.textContent = w.opinionMissing;
      text.setAttribute('aria-invalid', 'true');
      text.focus();
      return;
    }
    void act(view, 'assist/report', { opinion }, w.reported).then((ok) => {
      if (ok) clearDrafts(view.id, 'assist');
    });
  });
  return form;
}

/** The assisting station's own part: request, deadlines, and the step it may take now. */
function ownPartSection(view: OrderView, part: AssistView): HTMLElement {
  const w = messages<'station'>().station.assist;
  return h(
    'section',
    { class: 'assist-part', 'aria-labelledby': `assist-title-${view.id}` },
    h('h3', { id: `assist-title-${view.id}` }, w.title, ' ', assistTag(view)),
    view.station ? h('p', {}, fmt(w.lead, { name: view.station.name })) : null,
    part.note ? h('p', {}, fmt(w.request, { text: part.note })) : null,
    h('h4', {}, w.deadlines),
    partDeadlines(view, part),
    part.opinion
      ? h('p', { class: 'order-content' }, fmt(w.yourOpinion, { text: part.opinion }))
      : null,
    part.status === 'closed' && part.endNote
      ? h('p', { class: 'muted' }, fmt(w.closedNote, { text: part.endNote }))
      : null,
    part.status === 'requested'
      ? h(
          'div',
          { class: 'assist-actions', role: 'group', 'aria-label': w.title },
          h(
            'button',
            {
              type: 'button',
              class: 'primary',
              'data-action': 'assist-accept',
              onclick: (e: Event) => {
                const b = e.currentTarget as HTMLButtonElement;
                b.disabled = true;
                void act(view, 'assist/accept', {}, w.accepted).then(() => {
                  if (b.isConnected) b.disabled = false;
                });
              },
            },
            w.accept,
          ),
        )
      : null,
    part.status === 'accepted' ? reportForm(view) : null,
  );
}

/** The lead's view of the parts: who assists, where each stands, what each reported. */
function partsSection(view: OrderView): HTMLElement | null {
  const parts = shownParts(view);
  if (parts.length === 0) return null;
  const w = messages<'station'>().station.assist;
  const waiting = parts.some(isOutstanding);
  return h(
    'section',
    { class: 'assist-parts' },
    h('h3', {}, w.parts),
    waiting ? h('p', { class: 'muted' }, w.partsWaiting) : null,
    h(
      'ul',
      { class: 'plain' },
      parts.map((a) =>
        partItem(
          a,
          w.status,
          a.opinion ? [h('br'), h('span', {}, fmt(w.partOpinion, { text: a.opinion }))] : null,
          a.status === 'closed' && a.endNote
            ? [h('br'), h('span', { class: 'muted' }, fmt(w.closedNote, { text: a.endNote }))]
            : null,
        ),
      ),
    ),
  );
}

/** What the detail shows of 主办/协办 for this viewer (nothing when the order has no parts). */
export function assistParts(view: OrderView): Node[] {
  const part = ownPart(view);
  if (part) return [ownPartSection(view, part)];
  const lead = partsSection(view);
  return lead ? [lead] : [];
}
