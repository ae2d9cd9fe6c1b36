// The cluster SLA index: the `sla:due` sorted set (order id scored by its next fire time), written
// by the commit script with each view, so a sweep reads only what is due.
import { keyOf, type ClusterKeys } from './cluster-store-keys.js';

export class ClusterSlaIndex {
  constructor(private readonly k: ClusterKeys) {}

  async due(nowMs: number, limit: number): Promise<string[]> {
    return this.k.redis.zrangebyscore(keyOf(this.k, 'sla:due'), '-inf', nowMs, 'LIMIT', 0, limit);
  }

  async nextFireAt(): Promise<number | null> {
    const [, score] = await this.k.redis.zrange(keyOf(this.k, 'sla:due'), '0', '0', 'WITHSCORES');
    return score === undefined ? null : Number(score);
  }
}
