// What the parts of the cluster order store share: the Redis client, its Lua scripts and the key
// names under the store's prefix (deploy/kafka/topics.md, key-layout.ts).
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DomainError } from '../../src/domain/errors.js';
import type { RunScript } from './redis-scripts.js';

export interface ClusterKeys {
  redis: Redis;
  run: RunScript;
  prefix: string;
}

export const keyOf = (k: ClusterKeys, ...parts: string[]): string => k.prefix + parts.join('');

/** Two strings as one key member (source and external id, source and idempotency key). */
export const pair = (a: string, b: string): string => JSON.stringify([a, b]);

/** 重复件 index keys name a phone by its SHA-256, so key listings and logs show no phone numbers. */
export const phoneKey = (phone: string): string => createHash('sha256').update(phone).digest('hex');

/** The cluster cannot take or read this now; the caller may retry (503). */
export const unavailable = (detail: string): DomainError =>
  new DomainError('unavailable', detail, { zh: '服务暂时不可用，请稍后重试。' }, true);
