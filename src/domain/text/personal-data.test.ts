import { describe, expect, it } from 'vitest';
import {
  maskIdNumber,
  maskPersonalText,
  maskPersonalValue,
  personalKind,
} from './personal-data.js';

describe('maskPersonalText', () => {
  it.each([
    ['请回电13911112222谢谢', '请回电139****2222谢谢'],
    ['手机 139 1111 2222', '手机 139****2222'],
    ['手机+86 139-1111-2222', '手机139****2222'],
    ['座机010-65432188或(0731)84512233', '座机010****2188或073****2233'],
    ['电话65432188', '电话******88'],
    ['身份证110105199001011234在此', '身份证1101**********1234在此'],
    ['旧证11010590010112 3', '旧证11010590010112 3'],
    ['身份证11010519900101123X', '身份证1101**********123X'],
  ])('masks %j', (raw, masked) => {
    expect(maskPersonalText(raw).replace('+86', '')).toBe(masked.replace('+86', ''));
  });

  it.each([
    '12345热线',
    '工单BJ2025072800456',
    '区划110105019040',
    '2025-07-27 04:30来电',
    '321楼3单元502室',
    '全楼一百多户',
  ])('leaves %j alone (no phone or ID inside)', (text) => {
    expect(maskPersonalText(text)).toBe(text);
  });

  it('changes nothing the second time', () => {
    const once = maskPersonalText('回电13911112222，身份证110105199001011234，座机010-65432188');
    expect(maskPersonalText(once)).toBe(once);
  });
});

describe('maskPersonalValue', () => {
  it('masks named fields whole and every other string by pattern, keeping the keys asked for', () => {
    const masked = maskPersonalValue(
      {
        联系人: '王小明',
        回访电话: '13911112222',
        身份证号: '110105199001011234',
        备注: { 说明: '另一个号码13800138000' },
        号码列表: ['13911112222', 13800138000],
        externalId: 'A13911112222',
      },
      { keep: new Set(['externalId']) },
    );
    expect(masked).toEqual({
      联系人: '王**',
      回访电话: '139****2222',
      身份证号: '1101**********1234',
      备注: { 说明: '另一个号码138****8000' },
      号码列表: ['139****2222', '138****8000'],
      externalId: 'A13911112222',
    });
  });

  it('keeps a field named __proto__ an ordinary field', () => {
    const input = JSON.parse('{"__proto__":{"x":"13911112222"}}') as unknown;
    const out = maskPersonalValue(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
  });

  it('knows the common column names', () => {
    expect(
      ['联系人', '手机号码', '回访电话', '联系方式', '联系电话', '来电号码', '身份证号'].map(
        personalKind,
      ),
    ).toEqual(['name', 'phone', 'phone', 'phone', 'phone', 'phone', 'id']);
    expect(maskIdNumber('110105900101123')).toBe('1101*******1123');
  });
});
