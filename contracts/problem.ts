// RFC 9457 problem details: the one error shape of every route (Open311 routes excepted: they answer
// in the GeoReport v2 error format their clients parse).
import { z } from 'zod';

/**
 * Every stable `code` a problem may carry, documented as an enum in the OpenAPI document. Adding a
 * code is one line here; test/e2e/openapi.test.ts checks that every code the sources raise is listed.
 * At run time `code` stays a string, so a client (or test) on an older list still parses new codes.
 */
export const problemCodes = [
  // Requests: parsing and limits
  'validation_failed',
  'malformed_json',
  'malformed_form',
  'malformed_xml',
  'xml_dtd_forbidden',
  'xml_too_deep',
  'empty_body',
  'body_too_large',
  'body_unreadable',
  'truncated_body',
  'invalid_encoding',
  'unsupported_charset',
  'unsupported_media_type',
  'route_not_found',
  // Callers
  'unauthenticated',
  'forbidden',
  'outside_scope',
  'rate_limited',
  'signature_not_configured',
  'csrf_failed',
  'source_mismatch',
  // Orders
  'not_found',
  'state_conflict',
  'version_conflict',
  'idempotency_conflict',
  'unknown_station',
  'same_route_after_return',
  'extension_not_allowed',
  'callback_window_closed',
  // Availability
  'unavailable',
  'core_unavailable',
  'not_ready',
  'edge_handoff_disabled',
  'webhooks_disabled',
  'accounts_unavailable',
  'metrics_unavailable',
  'internal',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export const FieldError = z.object({
  path: z.string().describe('Dotted path of the offending field, e.g. location.divisionCode'),
  message: z.string(),
});

export const Problem = z
  .object({
    type: z.string().describe('A URI naming the kind of problem'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z
      .string()
      .describe('Stable machine-readable code')
      .meta({ enum: [...problemCodes] }),
    requestId: z.string().optional(),
    errors: z.array(FieldError).optional(),
    state: z.string().optional().describe('For state conflicts: the state the order is in'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;
export type FieldError = z.infer<typeof FieldError>;

/**
 * A failure that already knows its problem: status, stable code, title, detail, field errors and
 * headers. The HTTP layer (HttpProblem) and the inbound adapters (InboundProblem) raise subclasses;
 * src/http/problem.ts renders any of them as RFC 9457 problem details.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}
