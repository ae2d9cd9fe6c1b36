// An in-memory index of the gazetteer and station directory, built once at start.
// Building it also checks the configuration, so a broken directory stops the gateway with a clear list.
import type { Gazetteer, Place, Station, StationDirectory, TopicRule } from '../../../contracts/places.js';
import { normalizeText } from '../text/normalize.js';

/** One written name and every place that goes by it (more than one means the name is shared). */
export interface NameEntry {
  text: string;
  places: Place[];
}

export interface PlaceIndex {
  place(code: string): Place | undefined;
  /** The place and its ancestors, most specific first. */
  lineage(code: string): Place[];
  /** Every name and alias, longest first, for longest-match scanning. */
  names: readonly NameEntry[];
  station(id: string): Station | undefined;
  stations: readonly Station[];
  /** The station covering this code or its nearest covered ancestor, skipping excluded stations. */
  coveringStation(code: string, exclude?: ReadonlySet<string>): Station | undefined;
  topicRules: readonly TopicRule[];
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid routing configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigurationError';
  }
}

export function buildPlaceIndex(gazetteer: Gazetteer, directory: StationDirectory): PlaceIndex {
  const problems: string[] = [];
  const byCode = new Map<string, Place>();
  for (const p of gazetteer.places) {
    if (byCode.has(p.code)) problems.push(`place code ${p.code} appears twice`);
    byCode.set(p.code, p);
  }
  for (const p of gazetteer.places) {
    if (p.parent !== undefined && !byCode.has(p.parent)) problems.push(`place ${p.code} ${p.name}: parent ${p.parent} is unknown`);
  }

  const stationsById = new Map<string, Station>();
  const coverByCode = new Map<string, Station>();
  for (const s of directory.stations) {
    if (stationsById.has(s.id)) problems.push(`station id ${s.id} appears twice`);
    stationsById.set(s.id, s);
    for (const code of s.covers) {
      if (!byCode.has(code)) problems.push(`station ${s.id} covers unknown code ${code}`);
      const other = coverByCode.get(code);
      if (other) problems.push(`stations ${other.id} and ${s.id} both cover ${code}`);
      coverByCode.set(code, s);
    }
  }
  for (const r of directory.topicRules) {
    if (!stationsById.has(r.stationId)) problems.push(`topic rule ${r.topicPrefix.join('>')} names unknown station ${r.stationId}`);
    if (r.withinCode !== undefined && !byCode.has(r.withinCode)) problems.push(`topic rule ${r.topicPrefix.join('>')} is within unknown code ${r.withinCode}`);
  }
  if (problems.length > 0) throw new ConfigurationError(problems);

  const byText = new Map<string, Place[]>();
  for (const p of gazetteer.places) {
    const texts = new Set([p.name, ...p.aliases].map(normalizeText).filter((t) => t.length >= 2));
    for (const text of texts) byText.set(text, [...(byText.get(text) ?? []), p]);
  }
  const names: NameEntry[] = [...byText].map(([text, places]) => ({ text, places }));
  names.sort((a, b) => b.text.length - a.text.length);

  const lineage = (code: string): Place[] => {
    const chain: Place[] = [];
    let current = byCode.get(code);
    while (current && chain.length < 8) {
      chain.push(current);
      current = current.parent === undefined ? undefined : byCode.get(current.parent);
    }
    return chain;
  };

  return {
    place: (code) => byCode.get(code),
    lineage,
    names,
    station: (id) => stationsById.get(id),
    stations: directory.stations,
    coveringStation: (code, exclude) => {
      for (const p of lineage(code)) {
        const s = coverByCode.get(p.code);
        if (s && !exclude?.has(s.id)) return s;
      }
      return undefined;
    },
    topicRules: directory.topicRules,
  };
}
