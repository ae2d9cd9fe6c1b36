// Whether the cluster views may be used: `<prefix>meta:ready` is set when both the log and the views
// start empty (a new cluster) or when `npm run views:rebuild` finished. Views missing while the log
// is not empty (Redis lost its data) keep writes refused until the rebuild.
import type { Admin } from 'kafkajs';
import { keyOf, type ClusterKeys } from './cluster-store-keys.js';
import { ensureTopics, topicIsEmpty } from './topics.js';

export class ClusterReadiness {
  private viewsReady = false;

  constructor(private readonly k: ClusterKeys) {}

  /** Creates the topic if missing, and marks a new cluster (empty log) ready. */
  async prepare(admin: Admin, topic: string, partitions: number): Promise<void> {
    await ensureTopics(admin, [{ topic, numPartitions: partitions }]);
    if (await topicIsEmpty(admin, topic))
      await this.k.redis.set(keyOf(this.k, 'meta:ready'), '1', 'NX');
  }

  /** False while the views are missing (Redis lost its data and no rebuild ran yet). */
  ready(): boolean {
    return this.viewsReady;
  }

  async refresh(): Promise<void> {
    this.viewsReady = (await this.k.redis.exists(keyOf(this.k, 'meta:ready'))) === 1;
  }
}
