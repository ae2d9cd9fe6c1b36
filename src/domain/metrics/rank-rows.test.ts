import { describe, expect, it } from 'vitest';
import { distinctNames, rankRows } from './rank-rows.js';

const row = (code: string, name: string, composite: number | null, received = 1) => ({
  code,
  name,
  composite,
  validCallbacks: composite === null ? 0 : 1,
  received,
});

describe('a ranking’s rows', () => {
  it('ranks by composite and lists units without figures after them, unranked, unlocated last', () => {
    const rows = rankRows([
      row('', '(未定位)', null, 9),
      row('b', '乙', null, 3),
      row('a', '甲', 0.5),
      row('c', '丙', 0.9),
    ]);
    expect(rows.map((r) => [r.rank, r.name])).toEqual([
      [1, '丙'],
      [2, '甲'],
      [null, '乙'],
      [null, '(未定位)'],
    ]);
  });

  it('ranks no one when no unit has figures', () => {
    const rows = rankRows([row('', '(未定位)', null, 5), row('x', '东湖街道', null, 2)]);
    expect(rows.map((r) => [r.rank, r.name])).toEqual([
      [null, '东湖街道'],
      [null, '(未定位)'],
    ]);
  });

  it('tells repeated names apart by their parents', () => {
    const parents: Record<string, { code: string; name: string }> = {
      '110105001': { code: '110105', name: '朝阳区' },
      '430102001': { code: '430102', name: '芙蓉区' },
      '110105': { code: '110000', name: '北京市' },
      '220104': { code: '220100', name: '长春市' },
    };
    const parentOf = (code: string) => parents[code];
    expect(
      distinctNames(
        [
          { code: '110105001', name: '东湖街道' },
          { code: '430102001', name: '东湖街道' },
          { code: '110101004', name: '安定门街道' },
          { code: '', name: '(未定位)' },
        ],
        parentOf,
      ),
    ).toEqual(['朝阳区 东湖街道', '芙蓉区 东湖街道', '安定门街道', '(未定位)']);
    expect(
      distinctNames(
        [
          { code: '110105', name: '朝阳区' },
          { code: '220104', name: '朝阳区' },
        ],
        parentOf,
      ),
    ).toEqual(['北京市 朝阳区', '长春市 朝阳区']);
  });
});
