// `npm run bench:places`: how fast the national place index loads, how much memory it holds, and how
// many addresses per second one core resolves to a route decision over the labelled set.
// Aims (issue 8): load < 2 s, < 200 MB resident, ≥ 20,000 addresses/s. Last line is machine-readable.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFiles } from '../../src/config/load-files.js';
import { loadRoutingIndex } from '../../src/config/places.js';
import { defaultBaseIndexPath, ensureBaseIndexFile } from '../../src/config/places-file.js';
import { routeOrder } from '../../src/domain/routing/router.js';
import { buildOracle, generateLabelledAddresses } from '../places/labelled-addresses.js';
import { formatFigures, readRealWorldSet, scoreRealWorld } from '../places/real-world-set.js';

// Not test/support/test-gateway.js: that would load the whole app and count its memory as the index's.
const root = fileURLToPath(new URL('../../', import.meta.url));
const exampleConfigDir = join(root, 'deploy/example');
const path = join(root, defaultBaseIndexPath);
ensureBaseIndexFile(path); // a missing index is built first; that is not what is measured
const files = loadConfigFiles(exampleConfigDir);
globalThis.gc?.();
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const index = loadRoutingIndex(files, path);
const loadMs = performance.now() - t0;
globalThis.gc?.();
const rss = process.memoryUsage().rss;
process.stdout.write(
  `index: ${index.gazetteer.size} places (${index.gazetteer.base?.dataset ?? 'no base'}) loaded in ${loadMs.toFixed(0)} ms; resident ${(rss / 1e6).toFixed(0)} MB (${((rss - rssBefore) / 1e6).toFixed(0)} MB for the index)\n`,
);

const base = index.gazetteer.base;
if (!base) throw new Error('no base index');

// Accuracy on the hand-written real-world set (issue 18), per class, before the speed run.
const realWorld = readRealWorldSet();
process.stdout.write(`${formatFigures(scoreRealWorld(index.gazetteer, realWorld))}\n`);

const set = generateLabelledAddresses(base, buildOracle(base), 2000, 7);
// The speed run reads both sets: the generated addresses and the real-world ones.
const orders = [
  ...set.map((a) => ({ text: a.text, homeRegion: a.homeRegion })),
  ...realWorld.map((a) => ({ text: a.text, homeRegion: a.home })),
].map((a) => ({
  order: { topic: ['噪音'], location: { address: a.text } },
  options: a.homeRegion ? { homeRegion: a.homeRegion } : {},
}));

// Warm up, then resolve the whole set repeatedly for about three seconds. The rate is per second of
// this process's CPU time, so other work on a shared machine does not count against it.
for (const { order, options } of orders) routeOrder(index, order, options);
let resolved = 0;
let routed = 0;
const start = performance.now();
const cpuStart = process.cpuUsage();
while (performance.now() - start < 3000) {
  for (const { order, options } of orders)
    if (routeOrder(index, order, options).outcome === 'routed') routed++;
  resolved += orders.length;
}
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const wallSeconds = (performance.now() - start) / 1000;
const perSecond = resolved / cpuSeconds;
process.stdout.write(
  `${(resolved / wallSeconds).toFixed(0)}/s by the wall clock; ${perSecond.toFixed(0)}/s per CPU second (${cpuSeconds.toFixed(2)} s CPU in ${wallSeconds.toFixed(2)} s)\n`,
);
process.stdout.write(
  `resolved ${resolved} addresses (${set.length} generated + ${realWorld.length} real-world, repeated) to route decisions; ${((100 * routed) / resolved).toFixed(1)}% routed (the example directory covers few places, so most national addresses triage after resolving)\n`,
);
process.stdout.write(
  `places_per_s=${Math.round(perSecond)} load_ms=${Math.round(loadMs)} rss_mb=${Math.round(rss / 1e6)}\n`,
);
