// Configuration is a Zod schema over the environment: parsed once at start, and a bad value stops
// the gateway with a message naming the variable.
import { z } from 'zod';
import { issueLines } from '../domain/zod-issues.js';

export const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1').describe('0.0.0.0 in containers'),
  GATEWAY_ENV: z.enum(['development', 'production']).default('development'),
  GATEWAY_DATA_DIR: z.string().default('data').describe('Where the embedded SQLite store lives'),
  GATEWAY_CONFIG_DIR: z
    .string()
    .default('deploy/example')
    .describe('gazetteer.json, stations.json, principals.json'),
  GATEWAY_PLACES_BASE: z
    .string()
    .min(1)
    .default('data/places/base-index.bin')
    .describe(
      'The national base place index (built by `npm run build:places`, or on first start when missing); "none": gazetteer.json alone',
    ),
  SQLITE_SYNC: z
    .enum(['full', 'normal'])
    .default('full')
    .describe('full: fsync each commit; normal: survive process crashes only'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  LONG_POLL_MAX_SECONDS: z.coerce.number().int().min(0).max(30).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INTAKE_RATE_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(600)
    .describe('Per-source intake requests per minute, sustained; 0 turns rate limiting off'),
  INTAKE_RATE_BURST: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(100)
    .describe('Per-source intake requests allowed at once'),
  // Cluster mode (docs/architecture.md, deploy/README.md): both set → Kafka + Redis; neither → embedded.
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+(,[^,\s]+)*$/, 'comma-separated host:port list')
    .optional()
    .describe('Kafka bootstrap brokers; with REDIS_URL selects cluster mode'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
    .optional()
    .describe(
      'Redis for shared views, idempotency, SLA index, wake-ups; with KAFKA_BROKERS selects cluster mode',
    ),
  KAFKA_CLIENT_ID: z.string().min(1).default('hotline-gateway'),
  KAFKA_ORDER_EVENTS_PARTITIONS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(12)
    .describe('Partitions when the gateway creates hotline.order-events'),
  REDIS_KEY_PREFIX: z.string().default('hotline:'),
  CLUSTER_WRITE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(10_000)
    .describe('A write Kafka has not acknowledged by then answers 503 and completes later'),
  CLUSTER_RECONCILE_AFTER_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(15_000)
    .describe('Writes left half-done by a dead process are completed after this'),
  RAW_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(0)
    .max(36_500)
    .default(0)
    .describe(
      "Cluster mode: original request bytes leave Redis this many days after the order's call (Kafka keeps them); 0 keeps them",
    ),
  WEBHOOKS_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe(
      'true: status webhooks may target private and loopback addresses (on-premises platforms); SSRF guard otherwise',
    ),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30)
    .describe("A person's session ends after this many minutes without a request"),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12)
    .describe("A person's session ends this many hours after login, active or not"),
  WEBHOOK_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(15_000)
    .describe('Per-attempt timeout of a status webhook POST'),
  OPEN311_PUBLIC_READ: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe(
      'true: GET Open311 requests without a key (as the spec has it), inside OPEN311_PUBLIC_SCOPE, without personal data',
    ),
  OPEN311_PUBLIC_SCOPE: z
    .string()
    .regex(/^\d{2,12}$/, 'a division code (e.g. 310110 for 杨浦区)')
    .optional()
    .describe(
      'The division code whose orders the public may read; required with OPEN311_PUBLIC_READ',
    ),
  EDGE_HANDOFF_SECRET: z
    .string()
    .startsWith('whsec_')
    .optional()
    .describe(
      'Standard Webhooks secret the Workers intake signs its hand-offs with; unset: POST /v1/intake/edge answers 503',
    ),
});
export type Env = z.infer<typeof Env>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = Env.safeParse(source);
  if (result.success) return result.data;
  const lines = issueLines(result.error);
  throw new EnvError(`Invalid environment:\n- ${lines.join('\n- ')}`);
}
