// What the app needs from the outside world; entry points (Node, Workers, tests) supply it.
import type { Logger } from 'pino';
import type { PlaceIndex } from '../domain/routing/place-index.js';
import type { Clock, InboxNotifier, OrderStore } from '../ports/order-store.js';
import type { SlaEngine } from '../usecases/sla.js';
import type { MetricsEngine } from '../usecases/metrics.js';
import type { Principal, PrincipalDirectory } from './principal.js';
import type { IntakeOptions } from './intake/options.js';
import type { OutboundOptions } from '../usecases/subscriptions.js';
import type { Accounts } from '../usecases/accounts/policy.js';
import type { AliasStore } from '../ports/alias-store.js';
import type { ResumedSession } from '../usecases/accounts/sessions.js';
import type { OrderUseCaseDeps } from '../usecases/deps.js';

export interface AppDeps extends OrderUseCaseDeps {
  store: OrderStore;
  places: PlaceIndex;
  principals: PrincipalDirectory;
  notifier: InboxNotifier;
  clock: Clock;
  newId: () => string;
  logger: Logger;
  limits: { bodyBytes: number; longPollSeconds: number };
  sla: SlaEngine;
  metrics: MetricsEngine;
  /** Hotline adapters: rate limits, webhook secrets, the Open311 service list; absent parts are off or default. */
  intake?: IntakeOptions;
  /** Status webhooks out: subscriptions and the delivery log; absent: those routes answer 503. */
  outbound?: OutboundOptions;
  /** Keys (EDGE_HANDOFF_SECRET) that sign hand-offs from the Workers intake; absent: POST /v1/intake/edge answers 503. */
  edgeHandoff?: readonly CryptoKey[];
  /** Personal accounts and their sessions; absent: /v1/session answers 503 and only API keys work. */
  accounts?: Accounts;
  /** Where accepted aliases are kept (issue 18.7); absent: they last until the process ends. */
  aliases?: AliasStore;
  /** Answers /readyz: false while starting or draining. */
  ready: () => boolean;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
    /** Set when the caller authenticated with a session cookie (not with an API key). */
    session: ResumedSession | undefined;
    log: Logger;
  };
}
