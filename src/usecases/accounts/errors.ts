// The ways logging in and managing accounts can fail, each with a stable code the HTTP layer maps to
// a status and a message in the caller's language (src/http/problem-messages.ts).
export type AccountErrorCode =
  'login_failed' | 'login_locked' | 'account_disabled' | 'account_exists' | 'account_not_found';

export class AccountError extends Error {
  override readonly name = 'AccountError';
  constructor(
    readonly code: AccountErrorCode,
    message: string,
    /** For login_locked: seconds until another attempt is considered. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
