// A background loop on a real clock: run a tick, sleep until the next due instant (never longer than
// `maxSleepMs`), repeat; errors go to `onError` and the loop carries on. Stopping waits for the
// running tick. Serves the SLA sweeper and the outbound webhook worker alike.
export interface TimerLoop {
  stop(): Promise<void>;
}

export function startTimerLoop(options: {
  tick: () => Promise<unknown>;
  /** Epoch ms of the next due work, or null when nothing is scheduled. */
  nextDueAt: () => Promise<number | null>;
  now: () => number;
  maxSleepMs: number;
  onError: (err: unknown) => void;
}): TimerLoop {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = async () => {
    if (stopped) return;
    let wait = options.maxSleepMs;
    try {
      await options.tick();
      const next = await options.nextDueAt();
      if (next !== null) wait = Math.max(0, Math.min(options.maxSleepMs, next - options.now()));
    } catch (err) {
      options.onError(err);
    }
    if (!stopped)
      timer = setTimeout(() => {
        running = loop();
      }, wait);
  };
  running = loop();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
