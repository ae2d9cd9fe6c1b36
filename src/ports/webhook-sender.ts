// The webhook sender port: POST these bytes with these headers and say what came back. The undici
// adapter (adapters/outbound/undici-webhook-sender.ts) also enforces the address policy.
export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type SendResult =
  { ok: true; status: number } | { ok: false; status?: number; error: string; retryAfter?: string };

export interface WebhookSender {
  send(request: OutboundRequest): Promise<SendResult>;
}
