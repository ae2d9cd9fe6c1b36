// The one reading of a caller's API key, for every route that takes one: /v1 (before a session
// cookie, auth.ts), Open311 (api_key also in the query or form body, routes/open311/auth.ts) and
// /metrics (Prometheus's METRICS_TOKEN first, routes/metrics-endpoint.ts). The key found is kept
// for the request, so a route can tell "no key" from "a wrong key" and the edge can hand it on.
import type { Context, Input } from 'hono';
import type { Principal } from '../usecases/principal.js';
import type { AppDeps, AppEnv } from './deps.js';

/** The key in `Authorization: Bearer …` or `X-API-Key`, if either carries one. */
export function apiKeyFrom(header: (name: string) => string | undefined): string | undefined {
  const auth = header('authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return header('x-api-key')?.trim();
}

export interface KeyPlaces {
  /** Where else this route's clients may send the key, read when no header carries one. */
  elsewhere?: () => Promise<string | undefined> | string | undefined;
  /** A key this route alone accepts, tried before the principals, and who it stands for. */
  ownKey?: (key: string) => Principal | undefined;
}

const sentKeys = new WeakMap<Request, string>();

/**
 * Sets the caller's principal when the key they sent names one (an unknown key sets nothing: the
 * route's role check answers 401). Returns the key sent, if any.
 */
export async function authenticateKey<P extends string, I extends Input>(
  c: Context<AppEnv, P, I>,
  principals: AppDeps['principals'],
  places: KeyPlaces = {},
): Promise<string | undefined> {
  const key = apiKeyFrom((n) => c.req.header(n)) ?? (await places.elsewhere?.());
  if (!key) return undefined;
  sentKeys.set(c.req.raw, key);
  const principal = places.ownKey?.(key) ?? (await principals.authenticate(key));
  if (principal) c.set('principal', principal);
  return key;
}

/** The key this request sent (after authenticateKey ran), known or not. */
export const sentKey = <P extends string, I extends Input>(c: Context<AppEnv, P, I>) =>
  sentKeys.get(c.req.raw);
