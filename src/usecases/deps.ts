// What the order use cases need from the outside world. The HTTP app's AppDeps extends it, so the
// use cases never import the HTTP layer.
import type { PlaceIndex } from '../domain/routing/place-index.js';
import type { Clock, InboxNotifier, OrderStore } from '../ports/order-store.js';

export interface OrderUseCaseDeps {
  store: OrderStore;
  places: PlaceIndex;
  notifier: InboxNotifier;
  clock: Clock;
  newId: () => string;
}
