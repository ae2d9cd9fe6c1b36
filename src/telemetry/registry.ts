// The process's telemetry handle, set by the Node SDK setup (otel-node.ts) and read by /metrics.
// Kept apart from the setup so the HTTP layer never imports the SDK itself.
export interface MetricsAccess {
  /** False when METRICS_PORT serves /metrics (the API port then answers 404). */
  onApiPort: boolean;
  /** Bearer token Prometheus may send instead of an admin key. */
  token: string | undefined;
}

export interface Telemetry {
  /** The current metrics in Prometheus text exposition format. */
  prometheusText(): Promise<string>;
  /** Whether spans are recorded (an SDK tracer provider is installed). */
  tracing: boolean;
  /** Where spans are exported, if anywhere. */
  exportingTo: string | undefined;
  forceFlush(): Promise<void>;
  access: MetricsAccess;
}

let current: Telemetry | undefined;

export function setTelemetry(telemetry: Telemetry): void {
  current = telemetry;
}

/** The process's telemetry, if started (the /metrics route answers 503 otherwise). */
export function currentTelemetry(): Telemetry | undefined {
  return current;
}
