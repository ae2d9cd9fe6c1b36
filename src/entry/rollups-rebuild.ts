// `npm run rollups:rebuild`: re-sum the auditors' metrics rollups from the stored views with the
// current assessment.json (weights, period rule, duplicates…). That file moves what each order counts
// for but no view, SLA figure or due time, so this skips the full `sla:repair` (events re-read and
// folded, every view re-assessed and written back) and is several times faster. After an edit of
// sla-policy.json, calendar.json or the places, run `sla:repair` instead: it re-sums the rollups too.
// Embedded store only; run it with the gateway stopped, or against a copy.
import { parseEnv } from '../config/env.js';
import { createLogger } from '../telemetry/logger.js';
import { openCore } from './open-core.js';

const env = parseEnv(process.env);
const core = await openCore(env, createLogger({ level: 'warn' }));
const store = core.store;
if (!('rebuildRollups' in store) || typeof store.rebuildRollups !== 'function') {
  await core.close();
  process.stderr.write('rollups:rebuild is for the embedded store; run sla:repair instead\n');
  process.exit(1);
}
const started = Date.now();
const { orders } = await store.rebuildRollups();
await core.close();
process.stdout.write(
  `assessment ${core.files.assessment.version}: rollups of ${orders} orders rebuilt in ${Date.now() - started} ms\n`,
);
