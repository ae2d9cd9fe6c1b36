// What the app needs from the outside world; entry points (Node, Workers, tests) supply it.
import type { Logger } from 'pino';
import type { PlaceIndex } from '../domain/routing/place-index.js';
import type { Clock, InboxNotifier, OrderStore } from '../ports/order-store.js';
import type { Principal, PrincipalDirectory } from './principal.js';

export interface AppDeps {
  store: OrderStore;
  places: PlaceIndex;
  principals: PrincipalDirectory;
  notifier: InboxNotifier;
  clock: Clock;
  newId: () => string;
  logger: Logger;
  limits: { bodyBytes: number; longPollSeconds: number };
  /** Answers /readyz: false while starting or draining. */
  ready: () => boolean;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
    log: Logger;
  };
}
