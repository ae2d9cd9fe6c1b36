import { describe, expect, it } from 'vitest';
import { beijingDateTime, beijingDeadline, phoneText } from './format.js';

const now = Date.parse('2026-11-30T10:00:00+08:00');

describe('one way to write a Beijing moment', () => {
  it('writes a deadline at midnight as the day before’s 24:00, as offices write deadlines', () => {
    expect(beijingDeadline('2026-12-04T00:00:00+08:00', now)).toBe('12月3日 24:00');
    expect(beijingDeadline('2026-12-03T16:00:00Z', now)).toBe('12月3日 24:00');
    // New Year's midnight is the 31st's 24:00, in the year that ends.
    expect(beijingDeadline('2027-01-01T00:00:00+08:00', now)).toBe('12月31日 24:00');
    expect(beijingDeadline('2027-03-02T00:00:00+08:00', now)).toBe('2027年3月1日 24:00');
  });

  it('leaves other deadlines, and events at midnight, on their own day', () => {
    expect(beijingDeadline('2026-12-03T17:30:00+08:00', now)).toBe('12月3日 17:30');
    expect(beijingDeadline('2026-12-04T00:01:00+08:00', now)).toBe('12月4日 00:01');
    // Something that happened at midnight happened on the new day.
    expect(beijingDateTime('2026-12-04T00:00:00+08:00', { now })).toBe('12月4日 00:00');
  });

  it('names the year only when it is not this year, and keeps what it cannot read', () => {
    expect(beijingDateTime('2025-06-01T08:05:00+08:00', { now })).toBe('2025年6月1日 08:05');
    expect(beijingDateTime(undefined)).toBe('');
    expect(beijingDateTime('soon')).toBe('soon');
  });
});

describe('phones in the national form', () => {
  it('writes mobiles 3-4-4 and fixed lines with their area code, without +86', () => {
    expect(phoneText('+8613800138000')).toBe('138 0013 8000');
    expect(phoneText('13800138000')).toBe('138 0013 8000');
    expect(phoneText('+86-10-12345678')).toBe('010-12345678');
    expect(phoneText('+86-731-8123456')).toBe('0731-8123456');
  });

  it('masks the middle for readers who must not call, and keeps a mask the gateway made', () => {
    expect(phoneText('+8613800138000', { mask: true })).toBe('138 **** 8000');
    expect(phoneText('138****8000')).toBe('138 **** 8000');
    expect(phoneText('138****8000', { mask: true })).toBe('138 **** 8000');
    expect(phoneText('+86-10-12345678', { mask: true })).toBe('010-****5678');
  });

  it('shows what it cannot read as written (masked when asked)', () => {
    expect(phoneText('12345')).toBe('12345');
    expect(phoneText('12345', { mask: true })).toBe('***45');
    expect(phoneText(undefined)).toBe('');
  });
});
