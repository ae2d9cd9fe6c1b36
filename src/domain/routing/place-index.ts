// The routing index: the gazetteer (national base + the operator's places) and the station directory,
// built once at start. Building it also checks the configuration, so a broken directory stops the
// gateway with a clear list of every problem.
import type {
  Gazetteer,
  Place,
  Station,
  StationDirectory,
  TopicRule,
} from '../../../contracts/places.js';
import type { BaseGazetteer } from '../places/base-gazetteer.js';
import { buildGazetteerIndex, lineageIds, type GazetteerIndex } from '../places/gazetteer-index.js';

export interface PlaceIndex {
  place(code: string): Place | undefined;
  /** The place and its ancestors, most specific first. */
  lineage(code: string): Place[];
  /** Names, codes and hierarchy for address resolution. */
  gazetteer: GazetteerIndex;
  station(id: string): Station | undefined;
  stations: readonly Station[];
  /** The station covering this code or its nearest covered ancestor, skipping excluded stations. */
  coveringStation(code: string, exclude?: ReadonlySet<string>): Station | undefined;
  topicRules: readonly TopicRule[];
  /** Division code of a hotline source's home region (principals.json `region`), if it has one. */
  homeRegionOf(sourceId: string): string | undefined;
  /** What the operator's places did to the base (superseded entries), for the start-up log. */
  notes: readonly string[];
  /**
   * Adds an alias to a place (an operator accepting what dispatchers taught, issue 18.7) and
   * rebuilds the name index; routing reads the new index from the next order on. Undefined when
   * the code is unknown.
   */
  addAlias(code: string, alias: string): Place | undefined;
  /**
   * Adds many aliases with one rebuild (the accepted aliases replayed at start); per entry the place
   * now, or undefined for an unknown code.
   */
  addAliases(entries: readonly { code: string; alias: string }[]): (Place | undefined)[];
  /** The aliases accepted since start, to be written into gazetteer.json to keep them. */
  acceptedAliases(): readonly { code: string; alias: string }[];
}

export interface PlaceIndexOptions {
  /** The national base gazetteer; without it the operator's gazetteer is the whole gazetteer. */
  base?: BaseGazetteer;
  /** Hotline source id → division code of its home region, a prior for bare names. */
  sourceRegions?: Readonly<Record<string, string>>;
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid routing configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigurationError';
  }
}

export function buildPlaceIndex(
  gazetteer: Gazetteer,
  directory: StationDirectory,
  options: PlaceIndexOptions = {},
): PlaceIndex {
  let places = gazetteer.places;
  let state = buildState(places, directory, options);
  const accepted: { code: string; alias: string }[] = [];
  const addAliases = (entries: readonly { code: string; alias: string }[]) => {
    let next = places;
    const results = entries.map(({ code, alias }) => {
      const current = state.place(code);
      if (!current) return undefined;
      const own = next.find((p) => p.code === current.code);
      const updated: Place = {
        ...(own ?? current),
        aliases: [...new Set([...(own ?? current).aliases, alias])],
      };
      // A base place gets an operator entry with the same code: it replaces the base one.
      next = own ? next.map((p) => (p === own ? updated : p)) : [...next, updated];
      accepted.push({ code: current.code, alias });
      return updated;
    });
    // One rebuild for the whole batch: routing reads the new index from the next order on.
    if (next !== places) {
      state = buildState(next, directory, options);
      places = next;
    }
    return results;
  };
  return {
    place: (code) => state.place(code),
    lineage: (code) => state.lineage(code),
    get gazetteer() {
      return state.gazetteer;
    },
    station: (id) => state.station(id),
    stations: directory.stations,
    coveringStation: (code, exclude) => state.coveringStation(code, exclude),
    topicRules: directory.topicRules,
    homeRegionOf: (sourceId) => state.homeRegionOf(sourceId),
    get notes() {
      return state.notes;
    },
    addAlias: (code, alias) => addAliases([{ code, alias }])[0],
    addAliases,
    acceptedAliases: () => accepted,
  };
}

function buildState(
  gazetteerPlaces: readonly Place[],
  directory: StationDirectory,
  options: PlaceIndexOptions,
): Omit<PlaceIndex, 'addAlias' | 'addAliases' | 'acceptedAliases'> {
  const gazetteer = { places: gazetteerPlaces };
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const p of gazetteer.places) {
    if (seen.has(p.code)) problems.push(`place code ${p.code} appears twice`);
    seen.add(p.code);
  }
  const g = buildGazetteerIndex(options.base, gazetteer.places);
  for (const p of gazetteer.places) {
    if (p.parent !== undefined && g.idOf(p.parent) < 0)
      problems.push(`place ${p.code} ${p.name}: parent ${p.parent} is unknown`);
  }

  const stationsById = new Map<string, Station>();
  const coverById = new Map<number, { station: Station; code: string }>();
  for (const s of directory.stations) {
    if (stationsById.has(s.id)) problems.push(`station id ${s.id} appears twice`);
    stationsById.set(s.id, s);
    for (const code of s.covers) {
      const id = g.idOf(code);
      if (id < 0) {
        problems.push(`station ${s.id} covers unknown code ${code}`);
        continue;
      }
      const other = coverById.get(id);
      // Two codes can name one place when an operator's place supersedes a base code.
      if (other)
        problems.push(
          `stations ${other.station.id} and ${s.id} both cover ${code}${other.code === code ? '' : ` (${other.code} is the same place: ${g.name(id)})`}`,
        );
      else coverById.set(id, { station: s, code });
    }
  }
  for (const r of directory.topicRules) {
    if (!stationsById.has(r.stationId))
      problems.push(`topic rule ${r.topicPrefix.join('>')} names unknown station ${r.stationId}`);
    if (r.withinCode !== undefined && g.idOf(r.withinCode) < 0)
      problems.push(`topic rule ${r.topicPrefix.join('>')} is within unknown code ${r.withinCode}`);
  }
  const regions = options.sourceRegions ?? {};
  for (const [source, code] of Object.entries(regions)) {
    if (g.idOf(code) < 0)
      problems.push(`source ${source}: region ${code} is not a known division code`);
  }
  if (problems.length > 0) throw new ConfigurationError(problems);

  const placeOf = (code: string): Place | undefined => {
    const id = g.idOf(code);
    return id < 0 ? undefined : g.place(id);
  };

  return {
    place: placeOf,
    lineage: (code) => {
      const id = g.idOf(code);
      return id < 0 ? [] : lineageIds(g, id).map((x) => g.place(x));
    },
    gazetteer: g,
    station: (id) => stationsById.get(id),
    stations: directory.stations,
    coveringStation: (code, exclude) => {
      const id = g.idOf(code);
      if (id < 0) return undefined;
      for (const x of lineageIds(g, id)) {
        const cover = coverById.get(x);
        if (cover && !exclude?.has(cover.station.id)) return cover.station;
      }
      return undefined;
    },
    topicRules: directory.topicRules,
    homeRegionOf: (sourceId) => regions[sourceId],
    notes: g.notes,
  };
}
