// The one intake pipeline behind every intake route (canonical, cn-12345, Open311): rate limit,
// media type, read the bytes, check a signature, let the vendor adapter translate, refuse a body
// naming another source, check the contract, then the submitOrder use case. Nothing is stored
// before every check has passed.
import type { Context } from 'hono';
import { z } from 'zod';
import type { InboundAdapter } from '../../../adapters/inbound/inbound-adapter.js';
import { OrderSubmission } from '../../../contracts/order.js';
import { submitOrder, type SubmitInput, type SubmitResult } from '../../usecases/submit-order.js';
import type { AppDeps, AppEnv } from '../deps.js';
import { readBody, validate } from '../parse.js';
import { HttpProblem, zodFieldErrors } from '../problem.js';
import { checkSignature } from './check-signature.js';
import { checkClaimedSource } from './check-source.js';
import { enforceRateLimit } from './rate-limit.js';

export const IdempotencyKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
  .optional();

export interface ReceiveOptions {
  /** The body when an earlier step (Open311's api_key in the form) already read it. */
  body?: Uint8Array;
  /** The bytes to archive, when they must differ from what was received (a secret removed). */
  archive?: (body: Uint8Array) => Uint8Array;
}

export function requireAcceptedMediaType(c: Context<AppEnv>, adapter: InboundAdapter): string {
  const contentType = c.req.header('content-type') ?? '';
  const mime = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const ok =
    adapter.mediaTypes.includes(mime) ||
    (adapter.mediaTypes.includes('application/json') && /^application\/[\w.+-]+\+json$/.test(mime));
  if (!ok) {
    throw new HttpProblem(
      415,
      'unsupported_media_type',
      'Unsupported content type',
      `The ${adapter.name} intake takes ${adapter.mediaTypes.join(', ')}; got "${contentType.slice(0, 100) || 'none'}"`,
      undefined,
      { accept: adapter.mediaTypes.join(', ') },
    );
  }
  return contentType;
}

/** Everything before the use case: what submitOrder gets, checked. The Workers intake (src/edge) stops here and hands off. */
export type PreparedSubmission = Omit<SubmitInput, 'principal'> & {
  submission: OrderSubmission;
  idempotencyKey: string | undefined;
};

export async function receiveOrder(
  c: Context<AppEnv>,
  deps: AppDeps,
  adapter: InboundAdapter,
  options: ReceiveOptions = {},
): Promise<SubmitResult> {
  return submitOrder(deps, {
    principal: c.get('principal'),
    ...(await prepareSubmission(c, deps, adapter, options)),
  });
}

export async function prepareSubmission(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'intake' | 'clock' | 'limits'>,
  adapter: InboundAdapter,
  options: ReceiveOptions = {},
): Promise<PreparedSubmission> {
  await enforceRateLimit(c, deps);
  const contentType = requireAcceptedMediaType(c, adapter);
  const headerKey = validate(
    IdempotencyKey,
    c.req.header('idempotency-key'),
    'header.Idempotency-Key',
  );
  const rawBody = options.body ?? (await readBody(c, deps.limits.bodyBytes));
  const webhookId = await checkSignature(c, deps, rawBody);
  const parsed = adapter.parse(rawBody, contentType);
  checkClaimedSource(c.get('principal'), parsed.source);
  const result = OrderSubmission.safeParse(parsed.submission);
  if (!result.success) {
    // Name the field as the sender wrote it (工单类型, service_code), with the canonical path beside it.
    const errors = zodFieldErrors(result.error).map((e) => {
      const label =
        parsed.labels[e.path] ?? parsed.labels[e.path.split('.').slice(0, -1).join('.')];
      return label && label !== e.path
        ? { path: label, message: `${e.message} (canonical field ${e.path})` }
        : e;
    });
    throw new HttpProblem(
      400,
      'validation_failed',
      'The request is not valid',
      errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      errors,
    );
  }
  return {
    submission: result.data,
    rawBody: options.archive ? options.archive(rawBody) : rawBody,
    contentType,
    // A Standard Webhooks id is the sender's own idempotency key: the same message gives the same order.
    idempotencyKey: webhookId !== undefined ? `webhook-id:${webhookId}` : headerKey,
    quality: parsed.quality,
  };
}
