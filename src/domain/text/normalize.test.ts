import { describe, expect, it } from 'vitest';
import { normalizeMultiline, normalizeText } from './normalize.js';

describe('normalizeText', () => {
  it.each([
    { name: 'full-width digits and letters', input: '３２１ＡＢ', expected: '321AB' },
    {
      name: 'full-width digits inside an address',
      input: '翠城艺园３２１楼',
      expected: '翠城艺园321楼',
    },
    { name: 'full-width lower-case letters', input: 'ａｂｃ', expected: 'abc' },
    {
      name: 'ideographic space U+3000',
      input: '朝阳区\u3000垡头街道',
      expected: '朝阳区 垡头街道',
    },
    {
      name: 'a run of mixed whitespace',
      input: '朝阳区 \t\u3000\u3000 垡头',
      expected: '朝阳区 垡头',
    },
    {
      name: 'line breaks inside single-line text',
      input: '朝阳区\r\n垡头',
      expected: '朝阳区 垡头',
    },
    { name: 'leading and trailing whitespace', input: '\u3000 东城区 \n', expected: '东城区' },
    { name: 'digits inside full-width brackets', input: '（１号院）', expected: '（1号院）' },
  ])('folds $name', ({ input, expected }) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it.each([
    '路灯不亮，请尽快修复。',
    '地址：东城区交道口街道（近地铁站）',
    '居民反映“噪音扰民”问题；已多次投诉！',
    '诉求人称：楼道堆物、占用消防通道……',
    '【紧急】小区停水？',
  ])('keeps Chinese punctuation as written: %s', (line) => {
    expect(normalizeText(line)).toBe(line);
  });

  it('leaves already-normal text unchanged', () => {
    expect(normalizeText('东城区后永康胡同6号院')).toBe('东城区后永康胡同6号院');
  });

  it('turns whitespace-only text into the empty string', () => {
    expect(normalizeText(' \u3000\t\n ')).toBe('');
  });

  it('is idempotent', () => {
    const once = normalizeText(' ３２１ＡＢ\u3000\u3000楼 ');
    expect(normalizeText(once)).toBe(once);
  });
});

describe('normalizeMultiline', () => {
  it('keeps single line breaks', () => {
    expect(normalizeMultiline('第一行\n第二行\n第三行')).toBe('第一行\n第二行\n第三行');
  });

  it('collapses a run of blank lines into one blank line', () => {
    expect(normalizeMultiline('第一段\n\n\n\n第二段')).toBe('第一段\n\n第二段');
  });

  it('treats lines holding only spaces as blank', () => {
    expect(normalizeMultiline('第一段\n \u3000 \n\t\n第二段')).toBe('第一段\n\n第二段');
  });

  it('turns CRLF and CR line endings into LF', () => {
    expect(normalizeMultiline('甲\r\n乙\r丙')).toBe('甲\n乙\n丙');
  });

  it('collapses whitespace runs within a line and trims each line', () => {
    expect(normalizeMultiline('  楼下  \u3000发电车 \n  很吵\t\t晚上 ')).toBe(
      '楼下 发电车\n很吵 晚上',
    );
  });

  it('drops blank lines at the start and the end', () => {
    expect(normalizeMultiline('\n\n \n内容\n\n\n')).toBe('内容');
  });

  it('folds full-width characters like normalizeText', () => {
    expect(normalizeMultiline('３２１楼\nＡＢ座')).toBe('321楼\nAB座');
  });
});
