// OpenTelemetry SDK setup for the Node gateway (never imported by the Workers entry): one tracer
// provider and one meter provider per process, registered globally so every module instruments
// through @opentelemetry/api alone. Spans are exported over OTLP/HTTP only when an OTLP endpoint is
// configured; otherwise the provider still mints trace ids (request ids, Kafka trace headers) but
// has no span processor, so finished spans are dropped at once. Metrics are read by the Prometheus
// exporter's reader and served at /metrics (src/http/routes/metrics-endpoint.ts).
import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  TracerProvider,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { setTelemetry, type Telemetry } from './registry.js';
import { tracesUrl, type TelemetryEnv } from './telemetry-env.js';

let installed: Telemetry | undefined;

/**
 * Installs the SDK once per process; later calls (several gateways in one test process) get the
 * same one. `spanExporter` is for tests (the SDK's InMemorySpanExporter), exported synchronously.
 */
export function startTelemetry(env: TelemetryEnv, spanExporter?: SpanExporter): Telemetry {
  const access = { onApiPort: env.METRICS_PORT === undefined, token: env.METRICS_TOKEN };
  if (installed) {
    // A second gateway in the same process (tests): same SDK, its own access settings.
    installed.access = access;
    return installed;
  }
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME,
    [ATTR_SERVICE_VERSION]: '0.1.0',
  });

  // The W3C propagator and an AsyncLocalStorage context manager: a request's context follows its
  // async calls into the store and onto the Kafka record (adapters/cluster/trace-context.ts).
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

  const url = tracesUrl(env);
  const tracing = env.OTEL_SDK_DISABLED !== 'true';
  let tracerProvider: TracerProvider | undefined;
  if (tracing) {
    const processors: SpanProcessor[] = [];
    if (spanExporter) processors.push(new SimpleSpanProcessor({ exporter: spanExporter }));
    if (url) processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) }));
    tracerProvider = new TracerProvider({ resource, spanProcessors: processors });
    trace.setGlobalTracerProvider(tracerProvider);
  }

  // The reader only answers pulls (no server of its own): /metrics serializes what it collects.
  const reader = new PrometheusExporter({ preventServerStart: true, withoutScopeInfo: true });
  const meterProvider = new MeterProvider({ resource, readers: [reader] });
  metrics.setGlobalMeterProvider(meterProvider);
  const serializer = new PrometheusSerializer(undefined, false, undefined, false, true);

  installed = {
    tracing,
    access,
    exportingTo: tracing ? url : undefined,
    prometheusText: async () => serializer.serialize((await reader.collect()).resourceMetrics),
    forceFlush: async () => {
      await tracerProvider?.forceFlush();
    },
  };
  setTelemetry(installed);
  return installed;
}
