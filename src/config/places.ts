// Composes the routing index the gateway runs on: the national base index (unless
// GATEWAY_PLACES_BASE=none), the operator's gazetteer.json over it, stations.json, and each hotline
// source's home region from principals.json.
import type { Gazetteer, StationDirectory } from '../../contracts/places.js';
import type { PrincipalsFile } from '../../contracts/principals.js';
import { buildPlaceIndex, type PlaceIndex } from '../domain/routing/place-index.js';
import { loadBaseIndex } from './places-file.js';

export interface RoutingFiles {
  gazetteer: Gazetteer;
  directory: StationDirectory;
  principals: PrincipalsFile;
}

/** Source id → region code, for the sources that declare one. */
export function sourceRegions(principals: PrincipalsFile): Record<string, string> {
  return Object.fromEntries(
    principals.principals.flatMap((p) =>
      p.role === 'source' && p.region !== undefined ? [[p.id, p.region]] : [],
    ),
  );
}

export function loadRoutingIndex(
  files: RoutingFiles,
  basePath: string,
  log?: (message: string) => void,
): PlaceIndex {
  const base = basePath === 'none' ? undefined : loadBaseIndex(basePath, log);
  return buildPlaceIndex(files.gazetteer, files.directory, {
    ...(base ? { base } : {}),
    sourceRegions: sourceRegions(files.principals),
  });
}
