// Runs the outbound side: project new events into deliveries, send what is due, sleep until the next
// attempt falls due or new events may have arrived. `tick` does one full pass, for tests on a fake clock.
import { dispatchDue, type DispatchDeps } from './dispatch.js';
import { projectDeliveries, type ProjectDeps } from './project.js';

export type OutboundDeps = ProjectDeps & DispatchDeps;

export interface OutboundWorker {
  /** Projects everything new, then sends until nothing more is due now. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export async function outboundTick(deps: OutboundDeps): Promise<void> {
  while ((await projectDeliveries(deps)) > 0) { /* catch up with the log */ }
  // A delivered head frees the next event of its order at once; bounded so one tick always ends.
  for (let round = 0; round < 50; round++) {
    if ((await dispatchDue(deps)) === 0) break;
    await projectDeliveries(deps);
  }
}

export function startOutbound(deps: OutboundDeps & { onError: (err: unknown) => void }, pollMs = 250): OutboundWorker {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = async () => {
    if (stopped) return;
    try {
      await outboundTick(deps);
    } catch (err) {
      deps.onError(err);
    }
    if (stopped) return;
    const next = await deps.deliveries.nextDueAt().catch(() => null);
    const wait = next === null ? pollMs : Math.max(0, Math.min(pollMs, next - deps.clock.now().getTime()));
    timer = setTimeout(() => { running = loop(); }, wait);
  };
  running = loop();
  return {
    tick: () => outboundTick(deps),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
