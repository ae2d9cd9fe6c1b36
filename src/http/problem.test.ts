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
      { zh: '服务暂时不可用，请稍后重试。' },
      true,
    );
    const { problem, headers } = toProblem(busy, 'req-1', '/v1/orders');
    expect(problem).toMatchObject({ status: 503, code: 'unavailable', requestId: 'req-1' });
    expect(headers['retry-after']).toBe('1');
  });

  it('does not invite a retry of a request that cannot succeed as sent', () => {
    const stale = new DomainError('state_conflict', 'Cannot accept an order in state "closed"', {
      zh: '工单当前状态不能签收，请刷新后再试。',
      state: 'closed',
    });
    const { problem, headers } = toProblem(stale, 'req-2', '/v1/orders/o1/accept');
    expect(problem).toMatchObject({ status: 409, state: 'closed' });
    expect(headers['retry-after']).toBeUndefined();
  });

  it('gives a zh caller the refusal as a Chinese sentence, its time in Beijing, no field path', () => {
    const late = new DomainError(
      'extension_not_allowed',
      'The resolution deadline 2026-03-03T09:30:00.000Z has passed',
      {
        zh: '办结时限（{deadline}）已过，延期须在时限前申请。',
        times: { deadline: '2026-03-03T09:30:00.000Z' },
        errors: [{ path: 'requestedDueAt', message: 'too late' }],
      },
    );
    const zh = toProblem(late, 'req-3', '/v1/orders/o1/extension', 'zh-CN').problem;
    expect(zh.detail).toMatch(/^办结时限（(2026年)?3月3日 17:30）已过，延期须在时限前申请。$/);
    expect(zh.detail).not.toContain('requestedDueAt');
    expect(zh.errors).toEqual([{ path: 'requestedDueAt', message: zh.detail }]);
    const en = toProblem(late, 'req-3', '/v1/orders/o1/extension', 'en').problem;
    expect(en.detail).toBe('The resolution deadline 2026-03-03T09:30:00.000Z has passed');
  });
});
