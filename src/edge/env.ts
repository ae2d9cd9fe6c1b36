// The Workers intake's configuration: bindings parsed by a Zod schema (per isolate, on first use),
// a bad or missing one named in the answer, never its value. PRINCIPALS_JSON holds principals.json
// (key hashes only); the webhook secrets it names are further bindings (wrangler secrets). With
// GATEWAY_ENV=production the published demo keys and demo webhook secrets are refused, as the core
// refuses to start with them (src/config/check-principals.ts).
import { z } from 'zod';
import { PrincipalsFile } from '../../contracts/principals.js';
import { resolveWebhookSecrets } from '../config/webhook-secrets.js';
import { PrincipalDirectory } from '../http/principal.js';
import { importSecret } from '../webhooks/standard-webhooks.js';
import type { HandoffTarget } from './forward.js';
import { issueLines } from '../domain/zod-issues.js';
import { Open311ServicesFile, type Open311Service } from '../../contracts/open311.js';
import { defaultOpen311Services } from '../../adapters/inbound/open311/services.js';

export const EdgeEnv = z.object({
  CORE_URL: z
    .url({ protocol: /^https?$/ })
    .describe('Base URL of the core gateway the edge hands orders to'),
  EDGE_HANDOFF_SECRET: z
    .string()
    .startsWith('whsec_')
    .describe('Shared with the core (its EDGE_HANDOFF_SECRET)'),
  PRINCIPALS_JSON: z
    .string()
    .min(2)
    .describe('The principals.json of the core: API key hashes and webhook secret references'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  HANDOFF_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
  HANDOFF_BACKOFF_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(250)
    .describe('Doubles after each failed attempt'),
  HANDOFF_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5_000),
  GATEWAY_ENV: z
    .enum(['development', 'production'])
    .default('development')
    .describe('production: the published demo keys and demo webhook secrets are refused'),
  OPEN311_SERVICES_JSON: z
    .string()
    .optional()
    .describe("The core's open311-services.json; absent: the built-in service list"),
});

/** What the core's start-up refuses in production, for the principals the edge knows. */
export function demoProblems(file: PrincipalsFile): string[] {
  const out: string[] = [];
  for (const p of file.principals) {
    if (p.demo) out.push(`principal ${p.id} uses a published demo key`);
    if (p.webhook?.secrets.some((ref) => 'demo' in ref))
      out.push(`principal ${p.id} uses a published demo webhook secret`);
  }
  return out;
}

export class EdgeConfigError extends Error {}

export interface EdgeDeps {
  principals: PrincipalDirectory;
  intake: { webhooks: Awaited<ReturnType<typeof resolveWebhookSecrets>> };
  clock: { now(): Date };
  limits: { bodyBytes: number; longPollSeconds: number };
  handoff: HandoffTarget;
  /** The GeoReport service list Open311 requests are read against (the core's). */
  open311Services: readonly Open311Service[];
}

export async function edgeDeps(bindings: Record<string, unknown>): Promise<EdgeDeps> {
  const parsed = EdgeEnv.safeParse(bindings);
  if (!parsed.success)
    throw new EdgeConfigError(`Invalid bindings: ${issueLines(parsed.error).join('; ')}`);
  const env = parsed.data;
  let principals: PrincipalsFile;
  try {
    principals = PrincipalsFile.parse(JSON.parse(env.PRINCIPALS_JSON));
  } catch {
    throw new EdgeConfigError('Invalid bindings: PRINCIPALS_JSON is not a valid principals.json');
  }
  const demo = env.GATEWAY_ENV === 'production' ? demoProblems(principals) : [];
  if (demo.length > 0)
    throw new EdgeConfigError(
      `Refusing to run with GATEWAY_ENV=production: ${demo.join('; ')}; replace them in PRINCIPALS_JSON`,
    );
  let open311Services: readonly Open311Service[] = defaultOpen311Services;
  if (env.OPEN311_SERVICES_JSON !== undefined) {
    const services = Open311ServicesFile.safeParse(
      (() => {
        try {
          return JSON.parse(env.OPEN311_SERVICES_JSON) as unknown;
        } catch {
          return undefined;
        }
      })(),
    );
    if (!services.success)
      throw new EdgeConfigError(
        'Invalid bindings: OPEN311_SERVICES_JSON is not a valid open311-services.json',
      );
    open311Services = services.data.services;
  }
  const strings = Object.fromEntries(
    Object.entries(bindings).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const webhooks = await resolveWebhookSecrets(principals.principals, strings).catch(
    (err: Error) => {
      throw new EdgeConfigError(err.message);
    },
  );
  return {
    principals: new PrincipalDirectory(principals.principals),
    intake: { webhooks },
    clock: { now: () => new Date() },
    limits: { bodyBytes: env.BODY_LIMIT_BYTES, longPollSeconds: 0 },
    handoff: {
      coreUrl: env.CORE_URL.replace(/\/+$/, ''),
      key: await importSecret(env.EDGE_HANDOFF_SECRET),
      attempts: env.HANDOFF_ATTEMPTS,
      backoffMs: env.HANDOFF_BACKOFF_MS,
      timeoutMs: env.HANDOFF_TIMEOUT_MS,
    },
    open311Services,
  };
}
