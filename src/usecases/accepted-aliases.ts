// Aliases an operator accepts into the gazetteer (issue 18.7): kept in the AliasStore before routing
// reads them, so an accepted alias is never in effect without being kept, and replayed over the place
// index when the gateway starts, so routing reads it again after a restart.
import type { Place } from '../../contracts/places.js';
import type { PlaceIndex } from '../domain/routing/place-index.js';
import type { AcceptedAlias, AliasStore } from '../ports/alias-store.js';
import type { Clock } from '../ports/order-store.js';

export interface AliasDeps {
  places: PlaceIndex;
  /** Absent: the alias is in effect until the process ends (a test gateway without a data dir). */
  aliases?: AliasStore | undefined;
  clock: Clock;
}

/** The place with its aliases now; undefined (nothing kept) when the code is unknown. */
export async function acceptAlias(
  deps: AliasDeps,
  input: { code: string; alias: string },
  acceptedBy: string,
): Promise<Place | undefined> {
  const place = deps.places.place(input.code);
  if (!place) return undefined;
  await deps.aliases?.accept({
    code: place.code,
    alias: input.alias,
    acceptedBy,
    acceptedAt: deps.clock.now().toISOString(),
  });
  return deps.places.addAlias(place.code, input.alias);
}

/**
 * Reads every kept alias over the place index with one rebuild. An alias whose place the gazetteer no
 * longer has is returned, for the start-up log, and stays kept (a gazetteer put back finds it again).
 */
export async function replayAcceptedAliases(
  places: PlaceIndex,
  store: AliasStore,
): Promise<{ applied: number; unknown: AcceptedAlias[] }> {
  const kept = await store.list();
  if (kept.length === 0) return { applied: 0, unknown: [] };
  const results = places.addAliases(kept);
  const unknown = kept.filter((_, i) => results[i] === undefined);
  return { applied: kept.length - unknown.length, unknown };
}
