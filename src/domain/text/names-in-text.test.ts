import { describe, expect, it } from 'vitest';
import { callerNameMasker, surnameOf } from './names-in-text.js';
import { maskPersonalValue } from './personal-data.js';

describe("the callers' names in free text", () => {
  const mask = callerNameMasker(['黄建国']);

  it.each([
    ['已电话联系黄建国', '已电话联系黄**'],
    ['已电话联系黄先生，约定明早上门', '已电话联系黄**，约定明早上门'],
    ['黄女士、黄师傅、黄阿姨均表示认可', '黄**、黄**、黄**均表示认可'],
    ['黄老先生不在家', '黄**不在家'],
  ])('masks %j', (raw, masked) => {
    expect(mask(raw)).toBe(masked);
  });

  it.each(['已电话联系王先生', '黄河路积水', '黄色警示牌', '已办结'])(
    'leaves %j alone (no caller named)',
    (text) => expect(mask(text)).toBe(text),
  );

  it('masks a caller who gave only surname and form of address, and changes nothing twice', () => {
    const m = callerNameMasker(['魏先生', '欧阳修']);
    const once = m('联系了魏先生和魏女士；欧阳修、欧阳先生同意');
    // As the caller field shows them (maskName keeps the first character): 欧阳修 → 欧**.
    expect(once).toBe('联系了魏**和魏**；欧**、欧**同意');
    expect(m(once)).toBe(once);
    expect(surnameOf('欧阳修')).toBe('欧阳');
    expect(surnameOf('欧阳')).toBe('欧');
  });

  it('ignores names already masked and bare forms of address', () => {
    const m = callerNameMasker(['黄**', '先生', '']);
    expect(m('先生您好，黄先生')).toBe('先生您好，黄先生');
  });

  it('is applied by maskPersonalValue to every text, with phones masked too', () => {
    const masked = maskPersonalValue(
      { note: '已电话联系黄先生13911112222', nested: ['黄建国说'] },
      { names: ['黄建国'] },
    );
    expect(masked).toEqual({ note: '已电话联系黄**139****2222', nested: ['黄**说'] });
  });
});
