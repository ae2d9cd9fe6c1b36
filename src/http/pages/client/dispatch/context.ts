// What every queue card of the console shares: the words, the station directory (for names and the
// search), and one way to act on an order that reports the outcome and refreshes the queues.
import type { OrderView } from '../../../../../contracts/views.js';
import type { DispatchCandidate } from '../../../routes/dispatch/schema.js';
import { messages, type PageMessages } from '../lib/messages.js';

export interface QueueItem {
  order: OrderView;
  candidates: DispatchCandidate[];
}
export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
  truncated?: boolean;
}
export interface StationEntry {
  id: string;
  name: string;
  kind: string;
}

export interface ConsoleContext {
  m: PageMessages<'dispatch'>;
  stations: readonly StationEntry[];
  stationName(id: string): string;
  /** POSTs an action with the version the dispatcher saw; true when it went through. */
  act(
    order: OrderView,
    path: string,
    body: Record<string, unknown>,
    done: string,
  ): Promise<boolean>;
}

export const words = (): PageMessages<'dispatch'> => messages<'dispatch'>();
