// The supervisor's page (/supervision, 督办台): the escalation queue of the supervisor's scope, most
// urgent first as the API orders it (区级督办 before 街道督办, then the deadline missed first), each
// order with its deadlines and level, and 催办 / 督办 by hand with a note. Re-read after each action
// and every minute, so an order met or escalated elsewhere moves by itself.
import type { OrderView } from '../../../../contracts/views.js';
import type { SupervisionLevel } from '../../../../contracts/sla.js';
import { ApiError, api } from './lib/api.js';
import { byId } from './lib/dom.js';
import { fmt, messages } from './lib/messages.js';
import { notify, requireSession } from './lib/shell.js';
import { levelName, queueCard, type SupervisorAction } from './supervision/queue-card.js';

interface Queue {
  level: SupervisionLevel;
  items: OrderView[];
  truncated: boolean;
}

const REFRESH_MS = 60_000;

async function main(): Promise<void> {
  const session = await requireSession(['supervisor', 'admin']);
  const m = messages<'supervision'>();
  const s = m.supervision;
  const scope = session.account.scopeName ?? session.account.scope;
  if (scope) byId('supervision-scope').textContent = fmt(s.scope, { scope });

  const list = byId('queue');
  const status = byId('queue-status');

  async function act(order: OrderView, action: SupervisorAction, note: string): Promise<boolean> {
    try {
      const view = await api<OrderView>(`/v1/orders/${encodeURIComponent(order.id)}/${action}`, {
        method: 'POST',
        // No expectedVersion: the sweeper's own reminders and escalations move the version of an
        // overdue order all the time, and a 催办 or 督办 stays right whatever they added; an order
        // resolved meanwhile is refused by the gateway itself (409, shown, and the queue re-read).
        body: { note },
      });
      notify(
        action === 'urge'
          ? s.act.urged
          : fmt(s.act.supervised, {
              level: view.supervision?.level ? levelName(view.supervision.level) : '',
            }),
        'ok',
      );
      // The note is sent: it must not come back when the queue is redrawn.
      const sent = document.getElementById(`note-${order.id}`);
      if (sent instanceof HTMLTextAreaElement) sent.value = '';
      await load();
      return true;
    } catch (err) {
      notify(
        fmt(m.common.errors.failed, { detail: err instanceof Error ? err.message : String(err) }),
      );
      if (err instanceof ApiError && err.status === 409) await load();
      return false;
    }
  }

  async function load(): Promise<void> {
    try {
      const q = await api<Queue>('/v1/supervision/queue?limit=100');
      byId('supervision-level').textContent = fmt(s.level, { level: levelName(q.level) });
      // Cards of orders still queued keep what a supervisor is typing; the rest are rebuilt.
      const typing = new Map<string, string>();
      for (const t of list.querySelectorAll<HTMLTextAreaElement>('textarea'))
        if (t.value) typing.set(t.id, t.value);
      const focused = document.activeElement?.id;
      list.replaceChildren(...q.items.map((o) => queueCard(o, { act })));
      for (const [id, value] of typing) {
        const t = document.getElementById(id);
        if (t instanceof HTMLTextAreaElement) t.value = value;
      }
      if (focused) document.getElementById(focused)?.focus();
      status.textContent =
        q.items.length === 0
          ? s.empty
          : [fmt(s.count, { n: q.items.length }), q.truncated ? s.truncated : '']
              .filter(Boolean)
              .join(' ');
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      status.textContent = fmt(m.common.errors.failed, { detail });
    }
  }

  byId('refresh').addEventListener('click', () => void load());
  await load();
  setInterval(() => void load(), REFRESH_MS);
}

void main();
