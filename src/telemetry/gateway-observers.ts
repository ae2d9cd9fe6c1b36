// Everything a running Node gateway observes besides its requests: the depth and freshness
// gauges, the runtime metrics and, with METRICS_PORT, the metrics listener. One handle to close.
import { observeGateway, type GaugeSources } from './gateway-gauges.js';
import { startMetricsServer } from './metrics-server.js';
import { observeRuntime } from './runtime-gauges.js';
import type { TelemetryEnv } from './telemetry-env.js';

export interface GatewayObservers {
  /** The port /metrics is served on when METRICS_PORT is set. */
  metricsPort: number | undefined;
  close(): Promise<void>;
}

export async function startObservers(
  env: TelemetryEnv,
  host: string,
  sources: GaugeSources,
): Promise<GatewayObservers> {
  const stopGauges = observeGateway(sources);
  const stopRuntime = observeRuntime();
  const server =
    env.METRICS_PORT === undefined ? undefined : await startMetricsServer(host, env.METRICS_PORT);
  return {
    metricsPort: server?.port,
    close: async () => {
      stopGauges();
      stopRuntime();
      await server?.close();
    },
  };
}
