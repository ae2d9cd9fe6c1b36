// The one error shape: what a client reads when something fails, for the error kinds that carry
// more than a status (retriable domain errors, field errors, Chinese for zh callers).
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.js';
import { toProblem } from './problem.js';

describe('problem details', () => {
  it('tells the client to retry a retriable failure, and when', () => {
    const busy = new DomainError(
      'unavailable',
      'The event log cannot take the write now',
      {},
      true,
    );
    const { problem, headers } = toProblem(busy, 'req-1', '/v1/orders');
    expect(problem).toMatchObject({ status: 503, code: 'unavailable', requestId: 'req-1' });
    expect(headers['retry-after']).toBe('1');
  });

  it('does not invite a retry of a request that cannot succeed as sent', () => {
    const stale = new DomainError('state_conflict', 'Cannot accept an order in state "closed"', {
      state: 'closed',
    });
    const { problem, headers } = toProblem(stale, 'req-2', '/v1/orders/o1/accept');
    expect(problem).toMatchObject({ status: 409, state: 'closed' });
    expect(headers['retry-after']).toBeUndefined();
  });
});
