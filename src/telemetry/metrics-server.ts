// METRICS_PORT: /metrics on a port of its own (bound to HOST), without a key, for deployments
// that keep the scrape port off the public listener (a NetworkPolicy or a sidecar guards it).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { currentTelemetry } from './registry.js';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

export async function startMetricsServer(host: string, port: number): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://metrics').pathname;
    const telemetry = currentTelemetry();
    if (req.method !== 'GET' || path !== '/metrics' || !telemetry) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    telemetry.prometheusText().then(
      (text) =>
        res
          .writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
          .end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('collection failed\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
