// When each station last pulled its own inbox (this process's view), for the "station not pulling"
// alert: an inbox with orders and no pull for a long time means the station's system is down.
const lastPull = new Map<string, number>();

export function stationPulled(stationId: string, nowMs = Date.now()): void {
  lastPull.set(stationId, nowMs / 1000);
}

/** Station id → epoch seconds of its last pull. */
export function stationPullTimes(): ReadonlyMap<string, number> {
  return lastPull;
}
