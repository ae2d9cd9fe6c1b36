// Reads the operator's configuration files (gazetteer, stations, principals) and checks each against
// its contract; a bad file stops the gateway with the file name and the offending fields.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { Gazetteer, StationDirectory } from '../../contracts/places.js';
import { PrincipalsFile } from '../../contracts/principals.js';
import { SlaPolicy, WorkingCalendar } from '../../contracts/sla.js';
import { AssessmentConfig } from '../../contracts/metrics.js';
import { issueLines } from '../domain/zod-issues.js';

export class ConfigFileError extends Error {}

/** Reads one configuration file against its contract; a bad file names itself and the fields. */
export function readJson<T extends z.ZodType>(dir: string, file: string, schema: T): z.infer<T> {
  const path = join(dir, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigFileError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ConfigFileError(`${path}:\n- ${issueLines(result.error).join('\n- ')}`);
  }
  return result.data;
}

export interface ConfigFiles {
  gazetteer: Gazetteer;
  directory: StationDirectory;
  principals: PrincipalsFile;
  slaPolicy: SlaPolicy;
  calendar: WorkingCalendar;
  assessment: AssessmentConfig;
}

export function loadConfigFiles(dir: string): ConfigFiles {
  return {
    gazetteer: readJson(dir, 'gazetteer.json', Gazetteer),
    directory: readJson(dir, 'stations.json', StationDirectory),
    principals: readJson(dir, 'principals.json', PrincipalsFile),
    slaPolicy: readJson(dir, 'sla-policy.json', SlaPolicy),
    calendar: readJson(dir, 'calendar.json', WorkingCalendar),
    assessment: readJson(dir, 'assessment.json', AssessmentConfig),
  };
}
