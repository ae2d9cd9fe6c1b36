// W3C trace context (traceparent/tracestate) carried through Kafka headers with @opentelemetry/api.
// The API alone ships no propagator and no context manager; these two small ones let the trace of a
// webhook reach the station's Kafka message without an SDK. An installed SDK's own ones take precedence.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ROOT_CONTEXT,
  context,
  isSpanContextValid,
  propagation,
  trace,
  type Context,
  type ContextManager,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** traceparent / tracestate as in https://www.w3.org/TR/trace-context/ (version 00). */
export class W3CTraceContextPropagator implements TextMapPropagator {
  inject(ctx: Context, carrier: unknown, setter: TextMapSetter): void {
    const span = trace.getSpanContext(ctx);
    if (!span || !isSpanContextValid(span)) return;
    setter.set(
      carrier,
      'traceparent',
      `00-${span.traceId}-${span.spanId}-${(span.traceFlags & 0xff).toString(16).padStart(2, '0')}`,
    );
    const state = span.traceState?.serialize();
    if (state) setter.set(carrier, 'tracestate', state);
  }

  extract(ctx: Context, carrier: unknown, getter: TextMapGetter): Context {
    const raw = getter.get(carrier, 'traceparent');
    const header = (Array.isArray(raw) ? raw[0] : raw)?.trim().toLowerCase();
    const m = header ? TRACEPARENT.exec(header) : null;
    if (!m?.[1] || !m[2] || !m[3]) return ctx;
    const span = { traceId: m[1], spanId: m[2], traceFlags: parseInt(m[3], 16), isRemote: true };
    return isSpanContextValid(span) ? trace.setSpanContext(ctx, span) : ctx;
  }

  fields(): string[] {
    return ['traceparent', 'tracestate'];
  }
}

/** The active context follows async calls (AsyncLocalStorage), so a request's trace reaches the store. */
class AsyncLocalContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const run = (...args: unknown[]): unknown =>
      this.with(ctx, () => (target as (...a: unknown[]) => unknown)(...args));
    return run as T;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

/** Registers the propagator and context manager unless an OpenTelemetry SDK registered its own. */
export function installTracePropagation(): void {
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  context.setGlobalContextManager(new AsyncLocalContextManager());
}

/** The active trace context as message headers ({} when there is none). */
export function currentTraceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs `fn` inside the trace context found in `headers` (HTTP request or Kafka message headers). */
export function withTraceFrom<T>(
  headers: Record<string, string | string[] | Buffer | undefined>,
  fn: () => T,
): T {
  const getter: TextMapGetter<typeof headers> = {
    keys: (c) => Object.keys(c),
    get: (c, key) => {
      const v = c[key];
      if (v === undefined) return undefined;
      if (Array.isArray(v)) return v.map(String);
      return Buffer.isBuffer(v) ? v.toString() : v;
    },
  };
  return context.with(propagation.extract(ROOT_CONTEXT, headers, getter), fn);
}
