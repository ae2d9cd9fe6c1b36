// Summarises a V8 .cpuprofile (from `node --cpu-prof`, e.g. BENCH_CPU_PROF=dir npm run bench) into
// the frames that cost the most self time and the source files they live in, so a before/after of
// the write path can be read in a terminal and pasted into a report.
//
//   npx tsx test/bench/profile-top.ts <file.cpuprofile> [top=25] [skipSeconds=0]
// skipSeconds leaves out the first seconds of the profile (start-up: module loading, place index).
// Besides self time it prints inclusive time (a function and everything it called) for the project's
// own frames, which is where the per-request work shows.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface ProfileWithStart extends Profile {
  startTime: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, skipArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [top] [skipSeconds]');
const top = Number(topArg ?? 25);
const skipUs = Number(skipArg ?? 0) * 1e6;
const profile = JSON.parse(readFileSync(file, 'utf8')) as ProfileWithStart;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfUs = new Map<number, number>();
let elapsed = 0;
profile.samples.forEach((id, i) => {
  elapsed += profile.timeDeltas[i] ?? 0;
  if (elapsed >= skipUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\/.*?\/node_modules\//, 'npm:')
    .replace(/^file:\/\/.*?\/(src|adapters|contracts|test)\//, '$1/')
    .replace(/^node:/, 'node:');
const frames = new Map<string, number>();
const files = new Map<string, number>();
let total = 0;
let idle = 0;
for (const [id, us] of selfUs) {
  const n = byId.get(id);
  if (!n) continue;
  const { functionName, url, lineNumber } = n.callFrame;
  total += us;
  if (functionName === '(idle)' || functionName === '(program)') idle += us;
  const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
  const frame = `${functionName || '(anonymous)'} ${where}`.trim();
  frames.set(frame, (frames.get(frame) ?? 0) + us);
  const f = url ? shortUrl(url).replace(/^(npm:(@[^/]+\/)?[^/]+).*$/, '$1') : functionName;
  files.set(f, (files.get(f) ?? 0) + us);
}
const busy = total - idle;
const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
console.log(`busy ${(busy / 1e6).toFixed(2)} s of ${(total / 1e6).toFixed(2)} s sampled`);
console.log('top self-time frames (share of busy time):');
for (const [k, us] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, top))
  if (k !== '(idle)') console.log(`  ${pct(us)}  ${k}`);
console.log('by file or package:');
for (const [k, us] of [...files].sort((a, b) => b[1] - a[1]).slice(0, top))
  if (k !== '(idle)') console.log(`  ${pct(us)}  ${k}`);

// Inclusive time of the project's own functions: each sample counts once per distinct frame on its stack.
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n0 = byId.get(id);
  if (!n0 || n0.callFrame.functionName === '(idle)') continue;
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur);
    if (!n) break;
    const { functionName, url, lineNumber } = n.callFrame;
    if (!/\/(src|adapters|contracts)\//.test(url)) continue;
    const k = `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + us);
  }
}
console.log('inclusive time, project frames:');
for (const [k, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${pct(us)}  ${k}`);
