// `npm run sla:repair`: recompute every SLA figure from the event history with the current policy and
// calendar (after an operator edited sla-policy.json or calendar.json), and print what changed.
// Run it with the gateway stopped, or against a copy: it rewrites the due-time index and re-sums the
// metrics rollups. A changed assessment.json alone (e.g. a new period rule) needs only the faster
// `npm run rollups:rebuild` (src/entry/rollups-rebuild.ts); cluster mode applies it here.
import { parseEnv } from '../config/env.js';
import { createLogger } from '../telemetry/logger.js';
import { repairSla } from '../usecases/sla-repair.js';
import { openCore } from './open-core.js';

const env = parseEnv(process.env);
// Cluster mode when KAFKA_BROKERS and REDIS_URL are set (as for the gateway), else the embedded store.
const core = await openCore(env, createLogger({ level: 'warn' }));
const report = await repairSla(core.store);
await core.close();
const files = core.files;
process.stdout.write(
  `policy ${files.slaPolicy.version}: ${report.orders} orders checked, ${report.changed} changed, ${report.dueMoved} due times moved\n`,
);
process.stdout.write(`became breached: ${report.becameBreached.length}\n`);
for (const b of report.becameBreached.slice(0, 50))
  process.stdout.write(`  ${b.orderId} ${b.target} (cycle ${b.cycle})\n`);
process.stdout.write(`no longer breached: ${report.noLongerBreached.length}\n`);
for (const b of report.noLongerBreached.slice(0, 50))
  process.stdout.write(`  ${b.orderId} ${b.target} (cycle ${b.cycle})\n`);
