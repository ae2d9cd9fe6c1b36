// What an inbound adapter says when a push cannot be read: its own error type, knowing nothing of
// HTTP frameworks. The gateway's HTTP layer (src/http/problem.ts) and the edge map it to an RFC 9457
// problem with this status, code and field errors.
import type { FieldError } from '../../contracts/problem.js';

export type InboundStatus = 400 | 404 | 413 | 415 | 422;

export class InboundProblem extends Error {
  override readonly name = 'InboundProblem';

  constructor(
    readonly status: InboundStatus,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}
