// Tracing cost per request, in process and without sockets or fsync (the noisy parts of
// `npm run bench` on a shared machine): the same intake POSTs through app.request() with no tracer
// (OTEL_SDK_DISABLED) and with the SDK tracer but no exporter (the default), alternating rounds.
//
//   npx tsx test/observability/tracing-overhead.bench.ts     # BENCH_ROUNDS (6), BENCH_PER_ROUND (400)
//
// Last line: tracing_on_vs_off_us_per_request=<on>/<off>.
import { trace } from '@opentelemetry/api';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { startTelemetry } from '../../src/telemetry/otel-node.js';
import { parseTelemetryEnv } from '../../src/telemetry/telemetry-env.js';
import { createTestGateway, fixture } from '../support/test-gateway.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const perRound = Number(process.env.BENCH_PER_ROUND ?? 400);
startTelemetry(parseTelemetryEnv({ OTEL_SDK_DISABLED: 'true' }));
const gw = createTestGateway();
const order = fixture('01');
let n = 0;
const batch = async () => {
  const t0 = process.cpuUsage();
  for (let i = 0; i < perRound; i++) {
    const { res } = await gw.submit({ ...order, externalId: `OVERHEAD-${n++}` });
    if (res.status !== 202) throw new Error(`status ${res.status}`);
  }
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / perRound;
};
const onProvider = new TracerProvider({ spanProcessors: [] });
const cost = { on: [] as number[], off: [] as number[] };
await batch(); // warm-up
for (let r = 0; r < rounds; r++) {
  trace.disable();
  cost.off.push(await batch());
  trace.setGlobalTracerProvider(onProvider);
  cost.on.push(await batch());
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const on = median(cost.on);
const off = median(cost.off);
process.stdout.write(
  `CPU µs per intake request (median of ${rounds} rounds × ${perRound}): tracing off ${off.toFixed(0)}, on without exporter ${on.toFixed(0)} (${(((on - off) / off) * 100).toFixed(1)}%)\n` +
    `rounds off: ${cost.off.map((x) => x.toFixed(0)).join(' ')}\nrounds on:  ${cost.on.map((x) => x.toFixed(0)).join(' ')}\n` +
    `tracing_on_vs_off_us_per_request=${on.toFixed(0)}/${off.toFixed(0)}\n`,
);
