// Span helpers over @opentelemetry/api alone (no SDK, no node:*), so instrumented modules stay
// importable anywhere. Without an installed SDK every span here is a no-op that costs a function call.
import {
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
  type Tracer,
} from '@opentelemetry/api';

export { SpanKind };

export function tracer(): Tracer {
  return trace.getTracer('hotline-gateway');
}

function fail(span: Span, err: unknown): void {
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: err instanceof Error ? err.name : 'error',
  });
  // The error's type only: messages may quote what a citizen wrote.
  span.setAttribute('error.type', err instanceof Error ? err.name : typeof err);
}

/** Runs `fn` in a new active span, ended when `fn` settles (errors mark the span). */
export function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes },
  fn: (span: Span) => T,
): T {
  return tracer().startActiveSpan(name, options, (span) => {
    let result: T;
    try {
      result = fn(span);
    } catch (err) {
      fail(span, err);
      span.end();
      throw err;
    }
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => {
          span.end();
          return value;
        },
        (err: unknown) => {
          fail(span, err);
          span.end();
          throw err;
        },
      ) as T;
    }
    span.end();
    return result;
  });
}

/** Routing is pure and synchronous: one internal span around the decision. */
export function traceRouting<T extends { outcome: string; rule?: string | undefined }>(
  decide: () => T,
): T {
  return inSpan('route order', { kind: SpanKind.INTERNAL }, (span) => {
    const decision = decide();
    span.setAttributes({
      'hotline.route.outcome': decision.outcome,
      'hotline.route.rule': decision.rule ?? 'none',
    });
    return decision;
  });
}

/** One SLA sweeper tick (a root span: the sweeper runs on its own timer). */
export function traceSweep<T extends { orders: number; emitted: number }>(
  sweep: () => Promise<T>,
): Promise<T> {
  return inSpan('sla sweep', { kind: SpanKind.INTERNAL, attributes: {} }, async (span) => {
    const result = await sweep();
    span.setAttributes({
      'hotline.sla.orders': result.orders,
      'hotline.sla.emitted': result.emitted,
    });
    return result;
  });
}
