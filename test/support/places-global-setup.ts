// Builds the national base place index once before the test workers start (it is generated, not
// committed), so no test waits on the build and parallel workers do not race for it. The labelled
// address sets of test/places/address-accuracy.test.ts are generated here too, once, before any worker
// starts: the oracle's index over 665,000 places is seconds of one-off work that, in a worker's
// beforeAll, competed with every other test on a loaded machine.
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import {
  defaultBaseIndexPath,
  ensureBaseIndexFile,
  loadBaseIndex,
} from '../../src/config/places-file.js';
import {
  buildOracle,
  generateLabelledAddresses,
  type LabelledAddress,
} from '../places/labelled-addresses.js';

export const LABELLED_SIZE = 1500;
export const LABELLED_SEED = 20260301;

declare module 'vitest' {
  export interface ProvidedContext {
    /** LABELLED_SIZE addresses generated with LABELLED_SEED. */
    labelledAddresses: LabelledAddress[];
    /** The first 40 of the same seed, generated again on their own (the determinism check). */
    labelledAddressesAgain: LabelledAddress[];
  }
}

export default function setup(project: TestProject): void {
  const path = fileURLToPath(new URL(`../../${defaultBaseIndexPath}`, import.meta.url));
  ensureBaseIndexFile(path);
  const base = loadBaseIndex(path);
  const oracle = buildOracle(base);
  project.provide(
    'labelledAddresses',
    generateLabelledAddresses(base, oracle, LABELLED_SIZE, LABELLED_SEED),
  );
  project.provide(
    'labelledAddressesAgain',
    generateLabelledAddresses(base, buildOracle(base), 40, LABELLED_SEED),
  );
}
