// Station and dispatcher actions: load the order, check the caller may act on it, let the state
// machine decide, append with optimistic concurrency. Two conflicting actions cannot both win:
// the second finds the version moved and gets a 409. The version checked is always the one the
// decision was made on; a client's expectedVersion can only add a stricter check, never replace it.
import type { NewEvent } from '../../contracts/events.js';
import type { OrderView } from '../../contracts/views.js';
import { DomainError } from '../domain/errors.js';
import { decide, type Command } from '../domain/lifecycle/decide.js';
import type { OrderUseCaseDeps } from './deps.js';
import type { Principal } from './principal.js';
import { resolveRepeats } from './duplicates.js';

type Deps = Pick<OrderUseCaseDeps, 'store' | 'places' | 'clock' | 'notifier'>;

/**
 * `view` is the order as the caller was shown it (already checked visible, see access.ts): the command
 * was built from it, so the state machine decides on the same version, and the store is read once.
 */
export async function actOnOrder(
  deps: Deps,
  principal: Principal,
  view: OrderView,
  command: Command,
  expectedVersion?: number,
): Promise<OrderView> {
  const orderId = view.id;
  if (expectedVersion !== undefined && expectedVersion !== view.version)
    throw new DomainError(
      'version_conflict',
      `Order ${orderId} is at version ${view.version}, not ${expectedVersion}`,
      { zh: '其他人刚刚处理了此工单，请刷新后再试。', state: view.state },
      true,
    );
  const at = deps.clock.now().toISOString();
  // A person logged in with an account is recorded too (for a station account: the station and who).
  const actor = {
    role: principal.role,
    id: principal.id,
    ...(principal.account ? { account: principal.account } : {}),
  };
  const events: NewEvent[] = decide(view, command, deps.places).map((data) => ({
    orderId,
    at,
    actor,
    data,
  }));

  // The version `decide` saw: a write that lands on any other version would apply a stale decision.
  const next = await deps.store.append(orderId, view.version, events);
  // 重复件: the repeats joined to an order are resolved with it (each caller gets their callback).
  if (command.kind === 'resolve') await resolveRepeats(deps.store, next, at);
  if (view.station) deps.notifier.notify(view.station.id);
  if (next.station && next.station.id !== view.station?.id) deps.notifier.notify(next.station.id);
  // 协办: every assisting unit's inbox shows the order (and a removed one's drops it).
  for (const id of new Set((next.assists ?? []).map((a) => a.stationId))) deps.notifier.notify(id);
  return next;
}
