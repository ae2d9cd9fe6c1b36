// The real clock. Tests inject their own; nothing in the domain reads the time itself.
import type { Clock } from '../ports/order-store.js';

export const systemClock: Clock = { now: () => new Date() };
