// 主办/协办 in the dispatcher console: on an order a station leads, the parts (who assists, where each
// stands), a station search to ask one more unit for its part, and closing the outstanding parts
// with a note so the lead can resolve; one outstanding part can be removed (撤销) after a confirmation
// that names the unit and asks why. Shown on the overdue cards and for any order in work found by
// its number (工单编号, or the system id) in the panel this module adds to the console.
import type { AssistView, OrderView } from '../../../../../contracts/views.js';
import { ApiError, api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { fmt } from '../lib/messages.js';
import { isOutstanding, partItem, shownParts } from '../lib/assist-parts.js';
import type { ConsoleContext } from './context.js';

const WORKING = 'dispatched,accepted,contacted,in_progress';
/** How many orders in work the number lookup reads at most (5 pages of 200). */
const LOOKUP_PAGES = 5;

/** The 协办 block of one order: parts, add a unit, close what is outstanding. */
export function assistControls(order: OrderView, ctx: ConsoleContext, open = false): HTMLElement {
  const w = ctx.m.dispatch.assist;
  const id = order.id;
  const parts = shownParts(order);
  const outstanding = parts.filter(isOutstanding);
  if (!order.station) return h('p', { class: 'muted assist-controls' }, w.noLead);
  const taken = new Set([order.station.id, ...outstanding.map((a) => a.stationId)]);
  const note = h('input', { id: `${id}-assist-note`, type: 'text', maxlength: 1000 });
  const results = h('ul', { class: 'search-results', 'aria-label': w.searchResults });
  const search = h('input', {
    id: `${id}-assist-search`,
    type: 'search',
    placeholder: w.searchPlaceholder,
    autocomplete: 'off',
    oninput: () => {
      const q = search.value.trim();
      const found = q
        ? ctx.stations.filter((s) => !taken.has(s.id) && (s.name.includes(q) || s.id.includes(q)))
        : [];
      results.replaceChildren(
        ...found.slice(0, 8).map((s) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                onclick: () =>
                  void ctx.act(
                    order,
                    'assists',
                    {
                      stationId: s.id,
                      ...(note.value.trim() ? { note: note.value.trim() } : {}),
                    },
                    fmt(w.added, { name: s.name }),
                  ),
              },
              fmt(w.addTo, { station: s.name }),
            ),
          ),
        ),
      );
    },
  });
  const closeNote = h('input', { id: `${id}-assist-close`, type: 'text', maxlength: 1000 });
  const closeError = h('p', { class: 'form-error', role: 'alert' });
  return h(
    'details',
    { class: 'assist-controls', ...(open || parts.length > 0 ? { open: true } : {}) },
    h('summary', {}, `${w.parts}（${parts.length}）`),
    parts.length > 0
      ? h(
          'ul',
          { class: 'plain assist-part-list' },
          parts.map((a) =>
            partItem(
              a,
              w.status,
              a.opinion ? [h('br'), h('span', {}, a.opinion)] : null,
              isOutstanding(a) ? removePart(order, a, ctx) : null,
            ),
          ),
        )
      : h('p', { class: 'muted' }, w.none),
    h('label', { for: `${id}-assist-note` }, w.note),
    note,
    h('label', { for: `${id}-assist-search` }, w.searchLabel),
    search,
    results,
    outstanding.length > 0
      ? h(
          'div',
          { class: 'assist-close' },
          h('label', { for: `${id}-assist-close` }, w.closeNote),
          closeNote,
          closeError,
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              onclick: () => {
                const text = closeNote.value.trim();
                if (text === '') {
                  closeError.textContent = w.closeMissing;
                  closeNote.focus();
                  return;
                }
                void ctx.act(order, 'assists/close', { note: text }, w.closed);
              },
            },
            w.close,
          ),
        )
      : null,
  );
}

/**
 * 撤销 one outstanding part: the button asks first, in place (the unit named, a reason required),
 * since the unit loses the order and its typed work; 取消 puts the button back.
 */
function removePart(order: OrderView, part: AssistView, ctx: ConsoleContext): HTMLElement {
  const w = ctx.m.dispatch.assist;
  const fieldId = `${order.id}-assist-remove-${part.part}`;
  const slot = h('div', { class: 'assist-remove' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'assist-remove-button',
      'aria-label': fmt(w.removeLabel, { name: part.stationName }),
      'aria-expanded': 'false',
      onclick: () => ask(),
    },
    w.remove,
  );
  const ask = () => {
    const note = h('input', { id: fieldId, type: 'text', maxlength: 1000, required: true });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const cancel = () => {
      button.setAttribute('aria-expanded', 'false');
      slot.replaceChildren(button);
      button.focus();
    };
    button.setAttribute('aria-expanded', 'true');
    slot.replaceChildren(
      h(
        'div',
        {
          class: 'assist-remove-confirm',
          role: 'group',
          'aria-label': fmt(w.removeLabel, { name: part.stationName }),
        },
        h('p', {}, fmt(w.removeConfirm, { name: part.stationName })),
        h('label', { for: fieldId }, w.removeNote),
        note,
        error,
        h(
          'div',
          { class: 'assist-remove-buttons' },
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              onclick: () => {
                const text = note.value.trim();
                if (text === '') {
                  error.textContent = w.removeMissing;
                  note.setAttribute('aria-invalid', 'true');
                  note.focus();
                  return;
                }
                void ctx.act(
                  order,
                  'assists/remove',
                  { stationId: part.stationId, note: text },
                  fmt(w.removed, { name: part.stationName }),
                );
              },
            },
            w.removeSubmit,
          ),
          h('button', { type: 'button', onclick: cancel }, w.removeCancel),
        ),
      ),
    );
    note.focus();
  };
  slot.append(button);
  return slot;
}

/** Finds an order in work by its system id or its platform number (a bounded scan). */
async function findInWork(q: string): Promise<OrderView | undefined> {
  if (q.startsWith('ord_'))
    return api<OrderView>(`/v1/orders/${encodeURIComponent(q)}`).catch(() => undefined);
  let cursor: string | null = null;
  for (let i = 0; i < LOOKUP_PAGES; i++) {
    const page: { items: OrderView[]; nextCursor: string | null } = await api(
      `/v1/orders?state=${WORKING}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    const hit = page.items.find((o) => o.externalId === q);
    if (hit) return hit;
    cursor = page.nextCursor;
    if (!cursor) return undefined;
  }
  return undefined;
}

/** The console's 协办 panel: look an order up by number, then work its parts. */
export function mountAssistPanel(host: HTMLElement, ctx: ConsoleContext): () => Promise<void> {
  const w = ctx.m.dispatch.assist;
  const input = h('input', {
    id: 'assist-lookup',
    type: 'search',
    autocomplete: 'off',
    'aria-describedby': 'assist-lookup-hint',
  });
  const result = h('div', { class: 'assist-lookup-result', 'aria-live': 'polite' });
  let shown: string | undefined;
  const show = async (q: string) => {
    const order = await findInWork(q).catch((err: unknown) => {
      result.replaceChildren(
        h('p', { class: 'form-error' }, err instanceof ApiError ? err.message : String(err)),
      );
      return null;
    });
    if (order === null) return;
    if (!order) {
      shown = undefined;
      result.replaceChildren(h('p', { class: 'muted' }, fmt(w.lookupNone, { q })));
      return;
    }
    shown = order.id;
    result.replaceChildren(
      h(
        'p',
        {},
        h('strong', {}, order.externalId),
        ' ',
        fmt(w.lookupFound, { title: order.order.title, lead: order.station?.name ?? '—' }),
      ),
      assistControls(order, ctx, true),
    );
  };
  const form = h(
    'form',
    { class: 'assist-lookup', role: 'search' },
    h('label', { for: 'assist-lookup' }, w.lookupLabel),
    h('p', { class: 'muted', id: 'assist-lookup-hint' }, w.lookupHint),
    h('div', { class: 'lookup-row' }, input, h('button', { type: 'submit' }, w.lookupGo)),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (q !== '') void show(q);
  });
  host.append(
    h(
      'section',
      { class: 'card assist-panel', 'aria-labelledby': 'assist-panel-title' },
      h('h2', { id: 'assist-panel-title' }, w.lookup),
      form,
      result,
    ),
  );
  // After any action the console reloads; the order shown here is read again too.
  return async () => {
    if (shown) await show(shown);
  };
}
