// The operator's gazetteer over the national base: additions, renames, other editions' codes, and
// the station directory checked against both.
import { describe, expect, it } from 'vitest';
import { Gazetteer, StationDirectory } from '../../../contracts/places.js';
import { ConfigurationError, buildPlaceIndex } from '../routing/place-index.js';
import { routeOrder } from '../routing/router.js';
import { testBase } from './test-gazetteer.js';

const base = testBase();
const operator = Gazetteer.parse({
  places: [
    // A community the 2023 tables do not have yet.
    {
      code: '110105019040',
      level: 'community',
      name: '翠城艺园社区',
      aliases: ['翠城艺园小区'],
      parent: '110105019',
    },
    // The same community as base 110105019024, under the code of the operator's own system.
    { code: '110105019099', level: 'community', name: '翠城馨园社区', parent: '110105019' },
    // A rename of a base place: same code, the operator's name wins.
    { code: '430102017003', level: 'community', name: '韶光新社区', parent: '430102017' },
    { code: '110105019040-E1', level: 'estate', name: '翠城艺园3区', parent: '110105019040' },
  ],
});
const stations = StationDirectory.parse({
  stations: [
    { id: 'yiyuan-grid', name: '翠城艺园社区网格工作站', covers: ['110105019040'] },
    { id: 'xinyuan-grid', name: '翠城馨园社区网格工作站', covers: ['110105019099'] },
    { id: 'fatou-street', name: '垡头街道城运中心', kind: 'street', covers: ['110105019'] },
    { id: 'chaoyang-district', name: '朝阳区接诉即办指挥中心', kind: 'street', covers: ['110105'] },
  ],
});
const index = buildPlaceIndex(operator, stations, {
  base,
  sourceRegions: { 'bj-12345': '110000' },
});
const route = (address: string, source?: string) =>
  routeOrder(index, { topic: ['噪音'], location: { address }, ...(source ? { source } : {}) });

describe('operator places over the national base', () => {
  it('routes to a community the base lacks', () => {
    expect(route('朝阳区垡头街道翠城艺园社区5号楼')).toMatchObject({
      outcome: 'routed',
      stationId: 'yiyuan-grid',
      matchedCode: '110105019040',
      basis: 'unique',
    });
  });

  it('routes an estate to the station of its community', () => {
    expect(route('朝阳区翠城艺园3区12号楼')).toMatchObject({
      outcome: 'routed',
      stationId: 'yiyuan-grid',
      place: { code: '110105019040-E1', level: 'estate' },
    });
  });

  it('lets the operator’s code supersede the base code of the same community', () => {
    expect(route('垡头街道翠城馨园社区')).toMatchObject({
      stationId: 'xinyuan-grid',
      matchedCode: '110105019099',
    });
    expect(
      routeOrder(index, { topic: ['噪音'], location: { divisionCode: '110105019024' } }),
    ).toMatchObject({ stationId: 'xinyuan-grid', rule: 'division_code' });
    expect(index.notes).toEqual([
      '110105019099 翠城馨园社区 supersedes base 110105019024 翠城馨园社区居委会',
    ]);
  });

  it('uses the operator’s name for a base code it renames', () => {
    expect(index.place('430102017003')?.name).toBe('韶光新社区');
    expect(route('芙蓉区东湖街道韶光新社区')).toMatchObject({ matchedCode: '430102017003' });
  });

  it('covers every base place below a station’s code: a community nobody configured goes to its street', () => {
    expect(route('朝阳区垡头街道垡头一区社区')).toMatchObject({
      outcome: 'routed',
      stationId: 'fatou-street',
      matchedCode: '110105019013',
    });
  });

  it('takes the most specific covering station', () => {
    expect(route('朝阳区东湖街道')).toMatchObject({
      outcome: 'routed',
      stationId: 'chaoyang-district',
    });
  });

  it('applies the source’s home region from principals to a bare shared name', () => {
    expect(route('朝阳区', 'bj-12345')).toMatchObject({
      outcome: 'routed',
      stationId: 'chaoyang-district',
      basis: 'home_region',
    });
    expect(route('朝阳区', 'cs-12345')).toMatchObject({
      outcome: 'triage',
      candidates: [{ code: '110105', stationId: 'chaoyang-district' }, { code: '220104' }],
    });
  });

  it('records the levels the address was read into, down to the room', () => {
    expect(route('北京市朝阳区垡头街道翠城艺园社区3号楼2单元401室').levels).toEqual([
      { level: 'province', text: '北京市', code: '110000', name: '北京市' },
      { level: 'district', text: '朝阳区', code: '110105', name: '朝阳区' },
      { level: 'street', text: '垡头街道', code: '110105019', name: '垡头街道' },
      { level: 'community', text: '翠城艺园社区', code: '110105019040', name: '翠城艺园社区' },
      { level: 'building', text: '3号楼' },
      { level: 'unit', text: '2单元' },
      { level: 'room', text: '401室' },
    ]);
  });
});

describe('the station directory checked against the national base', () => {
  const problemsOf = (directory: unknown, sourceRegions: Record<string, string> = {}): string[] => {
    try {
      buildPlaceIndex(operator, StationDirectory.parse(directory), { base, sourceRegions });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigurationError);
      return (err as ConfigurationError).problems;
    }
    return [];
  };

  it('accepts stations on base codes at any level', () => {
    expect(
      problemsOf({
        stations: [{ id: 'area-grid', name: 'A', covers: ['430000', '220104', '350122116209'] }],
      }),
    ).toEqual([]);
  });

  it('refuses codes that are in neither the base nor the operator’s gazetteer', () => {
    expect(
      problemsOf({ stations: [{ id: 'ghost', name: 'G', covers: ['110105019777'] }] }),
    ).toEqual(['station ghost covers unknown code 110105019777']);
  });

  it('refuses two stations claiming one community, even under its two codes', () => {
    expect(
      problemsOf({
        stations: [
          { id: 'a1', name: 'A', covers: ['110105019099'] },
          { id: 'b2', name: 'B', covers: ['110105019024'] },
        ],
      }),
    ).toEqual([
      'stations a1 and b2 both cover 110105019024 (110105019099 is the same place: 翠城馨园社区)',
    ]);
  });

  it('refuses a home region that is not a division code', () => {
    expect(
      problemsOf(
        { stations: [{ id: 'area-grid', name: 'A', covers: [] }] },
        { 'bj-12345': '119900' },
      ),
    ).toEqual(['source bj-12345: region 119900 is not a known division code']);
  });
});
