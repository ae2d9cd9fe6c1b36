// Repair of the two regional paths the issue names: Taiwan and Hong Kong forms by their own tables,
// and UTF-8 that was read as Latin-1 / Windows-1252. Clean text must come back untouched.
import { describe, expect, it } from 'vitest';
import { repairText } from './repair.js';

const encodeAs1252 = (s: string): string => {
  const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
  return [...new TextEncoder().encode(s)]
    .map((b) => (b >= 0x80 && b <= 0x9f ? (high[b - 0x80] ?? '') : String.fromCharCode(b)))
    .join('');
};

describe('traditional forms by region', () => {
  it.each([
    ['工作人員著裝不整', '工作人员着装不整'],
    ['軟體更新後無法登入', '软体更新后无法登入'],
    ['樓道衞生很差', '楼道卫生很差'],
    ['電綫掉落在路邊', '电线掉落在路边'],
    ['居民反映說噪音很大，請盡快處理', '居民反映说噪音很大，请尽快处理'],
  ])('%s → %s', (input, expected) => {
    const r = repairText(input);
    expect(r.text).toBe(expected);
    expect(r.flags).toContain('traditional_converted');
  });
});

describe('UTF-8 read as Latin-1 or Windows-1252', () => {
  it.each(['简体中文', '东城区交道口街道路灯不亮', '小区门口垃圾堆放，影响通行。'])(
    'repairs %s when the bytes round-trip',
    (clean) => {
      const broken = encodeAs1252(clean);
      expect(broken).not.toBe(clean);
      const r = repairText(broken);
      expect(r.text).toBe(clean);
      expect(r.flags).toContain('mojibake_repaired');
    },
  );

  it('flags a run that has the shape but lost a byte on the way', () => {
    // 中 is E4 B8 AD; drop the middle byte of two characters so nothing decodes.
    const r = repairText('ä\u00adæ‡ 反映问题');
    expect(r.flags).toContain('mojibake_suspected');
  });

  it.each(['Café Nero 门口', 'naïve résumé', '北京市东城区（近地铁站）', '温度：25°C'])(
    'leaves clean text alone: %s',
    (clean) => {
      const r = repairText(clean);
      expect(r.text).toBe(clean);
      expect(r.flags).toEqual([]);
    },
  );
});
