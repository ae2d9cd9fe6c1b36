// The operator's Open311 service list (open311-services.json in the configuration directory), or the
// built-in defaults when the file is absent. A bad file stops the gateway naming file and field.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  defaultOpen311Services,
  Open311ServicesFile,
  type Open311Service,
} from '../../adapters/inbound/open311/services.js';
import { readJson } from './load-files.js';

export function loadOpen311Services(dir: string): Open311Service[] {
  if (!existsSync(join(dir, 'open311-services.json'))) return defaultOpen311Services;
  return readJson(dir, 'open311-services.json', Open311ServicesFile).services;
}
