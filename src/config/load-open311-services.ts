// The operator's Open311 service list (open311-services.json in the configuration directory), or the
// built-in defaults when the file is absent. A bad file stops the gateway naming file and field.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Open311ServicesFile, type Open311Service } from '../../contracts/open311.js';
import { readJson } from './load-files.js';

/** `defaults`: the built-in list (adapters/inbound/open311/services.ts), passed in by the entry. */
export function loadOpen311Services(
  dir: string,
  defaults: readonly Open311Service[],
): readonly Open311Service[] {
  if (!existsSync(join(dir, 'open311-services.json'))) return defaults;
  return readJson(dir, 'open311-services.json', Open311ServicesFile).services;
}
