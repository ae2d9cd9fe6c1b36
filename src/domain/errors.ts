// Domain errors carry a stable code and a retriable flag; they know nothing of HTTP.
// The HTTP layer maps codes to RFC 9457 problem responses (src/http/problem.ts).

export type DomainErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'state_conflict'
  | 'version_conflict'
  | 'idempotency_conflict'
  | 'unknown_station'
  | 'same_route_after_return'
  | 'extension_not_allowed'
  | 'callback_window_closed'
  /** A backing service (cluster mode: Kafka, Redis) cannot take the write now; retry later. */
  | 'unavailable';

export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * What a refusal says to people. `zh` is required: the pages' users read Chinese, and a refusal
 * without it would reach them in English. A moment in it is written `{name}` with the ISO time in
 * `times`; the HTTP layer writes it in Beijing time (the domain knows no locale or time zone).
 */
export interface DomainErrorDetails {
  zh: string;
  times?: Record<string, string>;
  state?: string;
  errors?: FieldIssue[];
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: DomainErrorDetails,
    readonly retriable = false,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const stateConflict = (action: string, state: string, zhAction: string): DomainError =>
  new DomainError('state_conflict', `Cannot ${action} an order in state "${state}"`, {
    zh: `工单当前状态不能${zhAction}，请刷新后再试。`,
    state,
  });
