// What an inbound adapter says when a push cannot be read: a ProblemError of its own (contracts/
// problem.ts), knowing nothing of HTTP frameworks. The gateway's HTTP layer (src/http/problem.ts) and
// the edge render it as an RFC 9457 problem with this status, code and field errors.
import { ProblemError, type FieldError } from '../../contracts/problem.js';

export type InboundStatus = 400 | 404 | 413 | 415 | 422;

export class InboundProblem extends ProblemError {
  override readonly name = 'InboundProblem';
  declare readonly status: InboundStatus;

  constructor(
    status: InboundStatus,
    code: string,
    title: string,
    detail?: string,
    errors?: FieldError[],
    headers: Record<string, string> = {},
  ) {
    super(status, code, title, detail, errors, headers);
  }
}
