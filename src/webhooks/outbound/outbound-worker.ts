// Runs the outbound side: project new events into deliveries, send what is due, sleep until the next
// attempt falls due or new events may have arrived. `tick` does one full pass, for tests on a fake clock.
import { dispatchDue, type DispatchDeps } from './dispatch.js';
import { projectDeliveries, type ProjectDeps } from './project.js';
import { startTimerLoop } from '../../runtime/timer-loop.js';

export type OutboundDeps = ProjectDeps & DispatchDeps;

export interface OutboundWorker {
  /** Projects everything new, then sends until nothing more is due now. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export async function outboundTick(deps: OutboundDeps): Promise<void> {
  while ((await projectDeliveries(deps)) > 0) {
    /* catch up with the log */
  }
  // A delivered head frees the next event of its order at once; bounded so one tick always ends.
  for (let round = 0; round < 50; round++) {
    if ((await dispatchDue(deps)) === 0) break;
    await projectDeliveries(deps);
  }
}

export function startOutbound(
  deps: OutboundDeps & { onError: (err: unknown) => void },
  pollMs = 250,
): OutboundWorker {
  const loop = startTimerLoop({
    tick: () => outboundTick(deps),
    nextDueAt: () => deps.deliveries.nextDueAt().catch(() => null),
    now: () => deps.clock.now().getTime(),
    maxSleepMs: pollMs,
    onError: deps.onError,
  });
  return { tick: () => outboundTick(deps), stop: () => loop.stop() };
}
