// Builds the national base place index once before the test workers start (it is generated, not
// committed), so no test waits on the build and parallel workers do not race for it.
import { fileURLToPath } from 'node:url';
import { defaultBaseIndexPath, ensureBaseIndexFile } from '../../src/config/places-file.js';

export default function setup(): void {
  ensureBaseIndexFile(fileURLToPath(new URL(`../../${defaultBaseIndexPath}`, import.meta.url)));
}
