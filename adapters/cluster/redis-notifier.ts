// Long-poll wake-ups across gateway processes: notify publishes the station id on one Redis channel,
// every process subscribes once and wakes its own waiting pulls. A lost message only delays a pull
// until its wait ends (the pull then reads the inbox anyway), so pub/sub's at-most-once is enough.
import type { Redis } from 'ioredis';
import { InProcessNotifier } from '../../src/runtime/in-process-notifier.js';
import type { InboxNotifier } from '../../src/ports/order-store.js';

export class RedisInboxNotifier implements InboxNotifier {
  private readonly local = new InProcessNotifier();
  private readonly channel: string;

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    prefix: string,
  ) {
    this.channel = `${prefix}inbox`;
  }

  /** `pub` is shared; a dedicated subscriber connection is duplicated from it and closed by close(). */
  static async open(pub: Redis, prefix = 'hotline:'): Promise<RedisInboxNotifier> {
    const sub = pub.duplicate();
    sub.on('error', () => undefined); // ioredis reconnects by itself; pulls fall back to their wait
    const n = new RedisInboxNotifier(pub, sub, prefix);
    sub.on('message', (channel: string, stationId: string) => {
      if (channel === n.channel) n.local.notify(stationId);
    });
    await sub.subscribe(n.channel);
    return n;
  }

  notify(stationId: string): void {
    this.local.notify(stationId);
    this.pub.publish(this.channel, stationId).catch(() => undefined);
  }

  wait(stationId: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return this.local.wait(stationId, timeoutMs, signal);
  }

  waiting(): number {
    return this.local.waiting();
  }

  close(): void {
    this.sub.disconnect();
  }
}
