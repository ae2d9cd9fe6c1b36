// The operator's Open311 service list (open311-services.json in the configuration directory), or the
// built-in defaults when the file is absent. A bad file stops the gateway naming file and field.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultOpen311Services, Open311ServicesFile, type Open311Service } from '../../adapters/inbound/open311/services.js';
import { ConfigFileError } from './load-files.js';

export function loadOpen311Services(dir: string): Open311Service[] {
  const path = join(dir, 'open311-services.json');
  if (!existsSync(path)) return defaultOpen311Services;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigFileError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const result = Open311ServicesFile.safeParse(raw);
  if (!result.success) throw new ConfigFileError(`${path}:\n- ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n- ')}`);
  return result.data.services;
}
