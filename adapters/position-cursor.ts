// Page cursors of the order lists: an opaque base64url form of a position number, the same in every
// store adapter, so a malformed or forged cursor is one clear 400 wherever it is read.
import { DomainError } from '../src/domain/errors.js';

export const encodeCursor = (n: number): string => Buffer.from(String(n)).toString('base64url');

export const decodeCursor = (c: string): number => {
  const text = /^[A-Za-z0-9_-]{1,24}$/.test(c) ? Buffer.from(c, 'base64url').toString() : '';
  const n = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n))
    throw new DomainError('validation_failed', 'Invalid cursor', {
      zh: '翻页位置无效，请从第一页重新查看。',
      errors: [{ path: 'cursor', message: 'not a cursor this gateway issued' }],
    });
  return n;
};
