// `npm run fuzz`: at least 10,000 generated hostile requests against a real gateway on loopback (see
// fuzz-gateway.ts), then one line: `fuzz requests=… 5xx=… partial=… non_problem=…`; the exit code is
// non-zero when any of the three is. FUZZ_REQUESTS (10000), FUZZ_SEED (random, printed),
// FUZZ_SECONDS (600), FUZZ_CONCURRENCY (8), FUZZ_PLACES ('none', or 'national' for the base index).
import { formatReport, runFuzz } from './fuzz-gateway.js';

const num = (name: string, fallback: number) => {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : Number(v);
};
const seed = num('FUZZ_SEED', Math.floor(Math.random() * 2 ** 31));
const report = await runFuzz({
  requests: num('FUZZ_REQUESTS', 10_000),
  seed,
  seconds: num('FUZZ_SECONDS', 600),
  concurrency: num('FUZZ_CONCURRENCY', 8),
  ...(process.env.FUZZ_PLACES === 'national' ? { placesBase: 'data/places/base-index.bin' } : {}),
});
for (const f of report.findings.slice(0, 40))
  process.stderr.write(`  ${f.kind}: ${f.what}${f.status ? ` (${f.status})` : ''}: ${f.detail}\n`);
process.stderr.write(
  `seed=${seed} seconds=${report.seconds.toFixed(1)} acknowledged=${report.acknowledged}\n${Object.entries(
    report.byKind,
  )
    .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
    .join('\n')}\n`,
);
process.stdout.write(`${formatReport(report)}\n`);
process.exit(report.fiveXx + report.partial + report.nonProblem > 0 ? 1 : 0);
