import { describe, expect, it } from 'vitest';
import { csvTime, timeZoneNameZh } from './csv.js';

describe('times in a CSV', () => {
  it('gives people wall-clock time Excel reads as a date, and programs RFC 3339 UTC', () => {
    const at = '2026-11-30T06:32:46Z';
    expect(csvTime(at, 'labels', 480)).toBe('2026-11-30 14:32:46');
    expect(csvTime('2026-11-30T14:32:46+08:00', 'labels', 480)).toBe('2026-11-30 14:32:46');
    expect(csvTime(at, 'codes', 480)).toBe('2026-11-30T06:32:46Z');
    expect(csvTime(undefined, 'labels', 480)).toBe('');
  });

  it('names the zone for the column header', () => {
    expect(timeZoneNameZh(480)).toBe('北京时间');
    expect(timeZoneNameZh(-330)).toBe('UTC-05:30');
  });
});
