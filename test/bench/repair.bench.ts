// Text-repair throughput: repairText on a corpus mixing clean simplified, traditional-with-pinyin and
// broken (mojibake, lost characters, HTML) texts, beside plain NFKC normalisation of the same corpus.
//
//   npm run bench:repair                 # BENCH_SECONDS=3 per phase
//
// Corpus: the five reports of test/fixtures/text cut into paragraphs (as order contents are),
// plus generated mojibake and HTML variants of the clean ones. The last stdout line is
// `repair_vs_nfkc_ratio=<repair chars/s ÷ NFKC chars/s>` (below 1: repair is that share of NFKC's speed).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeGbk } from '../../src/domain/text/gbk-codec.js';
import { repairText } from '../../src/domain/text/repair.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const storiesDir = new URL('../fixtures/text/', import.meta.url).pathname;
const paragraphs = readdirSync(storiesDir)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) =>
    readFileSync(join(storiesDir, f), 'utf8')
      .split('\n')
      .map((p) => p.trim())
      .filter((p) => p.length >= 10),
  );

/** UTF-8 bytes of clean text read as GBK: the mojibake the gateway must repair. */
function mojibake(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return new TextDecoder('gbk').decode(bytes);
}
const clean = paragraphs.filter(
  (p) => encodeGbk(p) !== undefined && !/[(][a-zāáǎàēéěèīíǐìōóǒòūúǔù]+[)]/u.test(p),
);
const corpus = [
  ...paragraphs,
  ...clean.slice(0, 20).map((p) => mojibake(p.slice(0, 60))),
  ...clean.slice(20, 40).map((p) => `<p>${p.slice(0, 80)}</p><br/>`),
];
const chars = corpus.reduce((n, p) => n + p.length, 0);

function run(name: string, fn: (s: string) => unknown): number {
  for (const p of corpus) fn(p); // warm-up (builds OpenCC and GBK tables once)
  let total = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (const p of corpus) fn(p);
    total += chars;
  }
  const rate = total / ((performance.now() - started) / 1000);
  process.stdout.write(`${name}: ${Math.round(rate).toLocaleString('en')} chars/s\n`);
  return rate;
}

process.stdout.write(
  `corpus: ${corpus.length} texts, ${chars.toLocaleString('en')} chars (clean, traditional with pinyin, mojibake, HTML)\n`,
);
const nfkc = run('nfkc', (s) => s.normalize('NFKC'));
const repair = run('repair', (s) => repairText(s).text.normalize('NFKC'));
process.stdout.write(`repair_vs_nfkc_ratio=${(repair / nfkc).toFixed(4)}\n`);
