// One server span and one duration sample per HTTP request (HTTP semantic conventions), run in the
// trace context of the request's traceparent header, so the store, routing and Kafka spans are its
// children and a hotline platform's own trace continues through the gateway. Also counts what only
// the HTTP layer sees: intake refusals (bad input, server errors) and stations pulling their inbox.
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type TextMapGetter,
} from '@opentelemetry/api';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { instruments } from './instruments.js';
import { tracer } from './spans.js';
import { stationPulled } from './station-pulls.js';

const headerGetter: TextMapGetter<Headers> = {
  keys: (h) => [...h.keys()],
  get: (h, key) => h.get(key) ?? undefined,
};

/** Intake routes (POST), where a refusal is an order not received. */
const intakeRoutes = new Set([
  '/v1/orders',
  '/v1/intake/cn-12345',
  '/v1/intake/edge',
  '/open311/v2/requests.json',
  '/open311/v2/requests.xml',
]);

/**
 * Options for Hono's request-id middleware (hono/request-id): a caller's x-request-id of up to 64
 * word characters, '-' or '=' is kept; otherwise the id is the trace id of the request's span (so a
 * log line leads to its trace), or a UUID when tracing is off.
 */
export const requestIdOptions = {
  limitLength: 64,
  generator: (): string => activeTraceId() ?? crypto.randomUUID(),
};

/** The active trace id, or undefined when there is no valid one (for log lines). */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan()?.spanContext();
  return span && trace.isSpanContextValid(span) ? span.traceId : undefined;
}

function matchedRoute(c: Context): string | undefined {
  const path = routePath(c, -1);
  return path === '*' || path === '/*' || path.length === 0 ? undefined : path;
}

function principalOf(c: Context): { id: string; role: string } | undefined {
  return c.get('principal') as { id: string; role: string } | undefined;
}

export function httpTelemetry(): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const method = c.req.method;
    const url = new URL(c.req.url);
    const parent = propagation.extract(ROOT_CONTEXT, c.req.raw.headers, headerGetter);
    const span = tracer().startSpan(
      method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': method,
          'url.path': url.pathname,
          'url.scheme': url.protocol.replace(':', ''),
          'network.protocol.name': 'http',
        },
      },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), next);
    } finally {
      const status = c.res.status;
      const route = matchedRoute(c);
      if (route) {
        span.updateName(`${method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.setAttribute('error.type', String(status));
      }
      span.end();
      const m = instruments();
      m.httpDuration.record((performance.now() - started) / 1000, {
        'http.request.method': method,
        'http.route': route ?? 'unmatched',
        'http.response.status_code': status,
      });
      const principal = principalOf(c);
      const intake = route !== undefined && method === 'POST' && intakeRoutes.has(route);
      // 2xx and 409 are counted by the store (created, duplicate, conflict); 401/403/429 are not
      // orders. A refused body has no channel or type we could trust.
      const refused = status === 400 || status === 413 || status === 415 || status === 422;
      if (intake && (refused || status >= 500))
        m.ordersReceived.add(1, {
          source: principal?.role === 'source' ? principal.id : 'unknown',
          channel: 'unknown',
          type: 'unknown',
          outcome: refused ? 'rejected' : 'error',
        });
      if (
        route === '/v1/stations/:stationId/orders' &&
        principal?.role === 'station' &&
        status === 200
      )
        stationPulled(principal.id);
    }
  };
}
