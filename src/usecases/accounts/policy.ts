// How long sessions live and how many failed logins lock an account or an address: defaults from the
// brief, overridable by the environment (SESSION_IDLE_MINUTES, SESSION_MAX_HOURS).
import type { AccountStore, FailurePolicy } from '../../ports/account-store.js';
import type { Clock } from '../../ports/order-store.js';
import type { PlaceIndex } from '../../domain/routing/place-index.js';
import type { ScryptCost } from './password.js';

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
  /** Per account name: e.g. 5 failures within 15 min lock it for 15 min. */
  perAccount: FailurePolicy;
  /** Per client address: e.g. 20 failures within 15 min lock the address for 15 min. */
  perAddress: FailurePolicy;
}

export function sessionPolicy(
  options: { idleMinutes?: number; maxHours?: number } = {},
): SessionPolicy {
  const quarter = 15 * 60_000;
  return {
    idleMs: (options.idleMinutes ?? 30) * 60_000,
    maxMs: (options.maxHours ?? 12) * 3_600_000,
    perAccount: { limit: 5, windowMs: quarter, lockMs: quarter },
    perAddress: { limit: 20, windowMs: quarter, lockMs: quarter },
  };
}

/** What the account use cases need; the HTTP app gets it as AppDeps.accounts. */
export interface Accounts {
  store: AccountStore;
  policy: SessionPolicy;
  /** GATEWAY_ENV=production: demo accounts are refused. */
  production: boolean;
  /** Resolves once demo accounts exist (outside production); every use case waits for it. */
  ready: Promise<void>;
  /** scrypt cost for new hashes (tests may lower it; the default is in password.ts). */
  cost?: ScryptCost;
}

export interface AccountsDeps {
  accounts: Accounts;
  clock: Clock;
  places: PlaceIndex;
}

/** The failed-login counters: one per account name, one per client address. */
export const failureKey = {
  account: (id: string) => `account:${id}`,
  address: (address: string) => `address:${address}`,
};
