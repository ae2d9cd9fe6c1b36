// Outbound webhook POSTs with undici: a per-attempt timeout, no redirects followed (a 3xx is a failed
// attempt: following it could lead anywhere), the answer's body drained but never kept, and the SSRF
// guard on every address, including IP literals, which never go through DNS.
import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import type { OutboundRequest, SendResult, WebhookSender } from '../../src/ports/webhook-sender.js';
import { isNonPublicAddress } from './address-policy.js';
import { guardedLookup, RefusedAddressError } from './guarded-lookup.js';

export interface UndiciSenderOptions {
  allowPrivate: boolean;
  timeoutMs: number;
}

export class UndiciWebhookSender implements WebhookSender {
  private readonly agent: Agent;

  constructor(private readonly options: UndiciSenderOptions) {
    this.agent = new Agent({
      connect: { lookup: guardedLookup(options.allowPrivate), timeout: options.timeoutMs },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      keepAliveTimeout: 4_000,
    });
  }

  async send(req: OutboundRequest): Promise<SendResult> {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return { ok: false, error: 'invalid URL' };
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!this.options.allowPrivate && isIP(host) !== 0 && isNonPublicAddress(host)) {
      return { ok: false, error: `refused: ${host} is a private or reserved address` };
    }
    try {
      const res = await request(url, {
        method: 'POST',
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      if (res.statusCode >= 200 && res.statusCode < 300)
        return { ok: true, status: res.statusCode };
      const retryAfter = res.headers['retry-after'];
      const redirect =
        res.statusCode >= 300 && res.statusCode < 400 ? ' (redirects are not followed)' : '';
      return {
        ok: false,
        status: res.statusCode,
        error: `HTTP ${res.statusCode}${redirect}`,
        ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
      };
    } catch (err) {
      return { ok: false, error: describe(err, this.options.timeoutMs) };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function describe(err: unknown, timeoutMs: number): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  if (cause instanceof RefusedAddressError || err instanceof RefusedAddressError)
    return `refused: ${(cause as Error).message}`;
  if (
    err instanceof Error &&
    (err.name === 'TimeoutError' ||
      err.name === 'AbortError' ||
      /timeout/i.test(err.name) ||
      /Timeout/.test(String((err as { code?: string }).code)))
  )
    return `timeout after ${timeoutMs} ms`;
  const code =
    (cause as { code?: unknown } | null)?.code ?? (err as { code?: unknown } | null)?.code;
  return `connection failed${typeof code === 'string' ? ` (${code})` : ''}`;
}
