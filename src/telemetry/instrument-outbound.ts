// Status webhooks out, observed from the ports the dispatcher already uses: each attempt is a client
// span (HTTP semantic conventions; the host only, never the path or query, which may hold a token),
// and its recorded outcome is counted: delivered, retry, dead (a dead letter), gone, disabled; the
// lag from projection to delivery is measured on delivery.
import type { DeliveryStore, StoredDelivery } from '../ports/delivery-store.js';
import type { WebhookSender } from '../ports/webhook-sender.js';
import { instruments } from './instruments.js';
import { SpanKind, inSpan } from './spans.js';

function forward<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (Object.prototype.hasOwnProperty.call(overrides, prop)) return overrides[prop as keyof T];
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}

export function instrumentSender<T extends WebhookSender>(sender: T): T {
  return forward(sender, {
    send: (request) => {
      let host = 'invalid';
      try {
        host = new URL(request.url).hostname;
      } catch {
        /* the sender refuses it */
      }
      return inSpan(
        'POST',
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'http.request.method': 'POST',
            'server.address': host,
            'hotline.webhook.id': request.headers['webhook-id'] ?? '',
          },
        },
        async (span) => {
          const result = await sender.send(request);
          if (result.status !== undefined)
            span.setAttribute('http.response.status_code', result.status);
          if (!result.ok)
            span.setAttribute('error.type', result.status ? String(result.status) : 'network');
          return result;
        },
      );
    },
  } as Partial<T>);
}

export function instrumentDeliveries<T extends DeliveryStore>(deliveries: T): T {
  // The creation time of deliveries handed out by due(), for the lag once one is delivered.
  const createdAt = new Map<string, number>();
  return forward(deliveries, {
    due: async (nowMs: number, limit: number): Promise<StoredDelivery[]> => {
      const due = await deliveries.due(nowMs, limit);
      if (createdAt.size > 10_000) createdAt.clear();
      for (const d of due) createdAt.set(d.id, Date.parse(d.createdAt));
      return due;
    },
    recordAttempt: async (id, attempt, outcome) => {
      await deliveries.recordAttempt(id, attempt, outcome);
      const m = instruments();
      const label =
        outcome.status === 'pending'
          ? 'retry'
          : outcome.status === 'dead' && attempt.error === 'subscription disabled'
            ? 'disabled'
            : outcome.status;
      m.webhookAttempts.add(1, { outcome: label });
      if (outcome.status === 'dead') m.webhookDeadLetters.add(1);
      const created = createdAt.get(id);
      if (outcome.status !== 'pending') createdAt.delete(id);
      if (outcome.status === 'delivered' && created !== undefined && Number.isFinite(created))
        m.webhookLag.record(Math.max(0, (Date.parse(attempt.at) - created) / 1000));
    },
  } as Partial<T>);
}
