import { describe, expect, it } from 'vitest';
import { maskName, maskPhone, normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    '13800138000',
    '+86 138-0013-8000',
    '0086 13800138000',
    '１３８００１３８０００',
    '86 138 0013 8000',
    ' 138 0013 8000 ',
  ])('writes the mobile %j as +8613800138000', (raw) => {
    expect(normalizePhone(raw)).toBe('+8613800138000');
  });

  it.each([
    { raw: '010-6512 3456', expected: '+86-10-65123456' },
    { raw: '0731-8888 1234', expected: '+86-731-88881234' },
    { raw: '021-6543 2100', expected: '+86-21-65432100' },
    { raw: '(0731)84512233', expected: '+86-731-84512233' },
    { raw: '０１０－６５１２３４５６', expected: '+86-10-65123456' },
  ])('writes the fixed line $raw as $expected', ({ raw, expected }) => {
    expect(normalizePhone(raw)).toBe(expected);
  });

  it.each([
    { raw: '12345', expected: '12345' },
    { raw: 'ext. 12-34 x', expected: '1234' },
    { raw: '电话:９９９', expected: '999' },
    { raw: '1380013800', expected: '1380013800' },
  ])('keeps only the digits of $raw rather than guessing', ({ raw, expected }) => {
    expect(normalizePhone(raw)).toBe(expected);
  });

  // International form of a fixed line: the trunk 0 is dropped after +86 (fixture 08 sends '+86 21 6543 2188').
  it.each([
    { raw: '+86 21 6543 2188', expected: '+86-21-65432188' },
    { raw: '+86 10 6512 3456', expected: '+86-10-65123456' },
    { raw: '0086 731 8888 1234', expected: '+86-731-88881234' },
  ])('writes the internationally written fixed line $raw as $expected', ({ raw, expected }) => {
    expect(normalizePhone(raw)).toBe(expected);
  });

  it('gives the same caller the same number across channels', () => {
    const forms = [
      '13800138000',
      '+86 138-0013-8000',
      '0086 13800138000',
      '１３８００１３８０００',
    ];
    expect(new Set(forms.map(normalizePhone)).size).toBe(1);
  });
});

describe('maskPhone', () => {
  it.each([
    { phone: '13800138000', masked: '138****8000' },
    { phone: '+8613800138000', masked: '138****8000' },
    { phone: '+86-10-65123456', masked: '106****3456' },
    { phone: '+86-731-88881234', masked: '731****1234' },
  ])('masks $phone as $masked', ({ phone, masked }) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('masks the plain and the +86 form of a mobile alike', () => {
    expect(maskPhone(normalizePhone('0086 13800138000'))).toBe(maskPhone('13800138000'));
  });

  it.each([
    { phone: '13800138000', middle: '0013' },
    { phone: '+8613800138000', middle: '0013' },
    { phone: '+86-731-88881234', middle: '8888' },
    { phone: '010-6512 3456', middle: '6512' },
  ])('never reveals the middle digits $middle of $phone', ({ phone, middle }) => {
    const masked = maskPhone(phone);
    expect(masked).not.toContain(middle);
    expect(masked).toContain('****');
    expect(masked.replace(/\D/gu, '').length).toBeLessThanOrEqual(7);
  });

  it('reveals no digit of a short number', () => {
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone('110')).toBe('***');
  });

  it('does not reveal every digit of a seven-digit local number', () => {
    // 7-digit local numbers (e.g. smaller cities' fixed lines without area code) are callable as is:
    // the mask must hide at least one digit. Currently maskPhone('6512345') === '651****2345'.
    const masked = maskPhone('6512345');
    expect(masked.replace(/\D/gu, '').length).toBeLessThan(7);
  });
});

describe('maskName', () => {
  it.each([
    { name: '黄鹤林', masked: '黄**' },
    { name: '黄先生', masked: '黄**' },
    { name: '张三', masked: '张*' },
    { name: '欧阳娜娜', masked: '欧***' },
  ])('masks $name as $masked', ({ name, masked }) => {
    expect(maskName(name)).toBe(masked);
  });

  it('hides a one-character name behind at least one star', () => {
    expect(maskName('黄')).toBe('黄*');
  });

  it('returns an empty string for an empty name', () => {
    expect(maskName('')).toBe('');
  });

  it.each(['黄鹤林', 'Zhang San', '𠀀𠀁𠀂'])(
    'reveals no more than the first character of %j',
    (name) => {
      const first = [...name][0] ?? '';
      const masked = maskName(name);
      expect(masked.startsWith(first)).toBe(true);
      expect([...masked.slice(first.length)].every((c) => c === '*')).toBe(true);
    },
  );
});
