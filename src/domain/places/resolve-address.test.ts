// Reading free-text addresses against a slice of the national tables: what a dispatcher sees when an
// address is routed, and when it is not.
import { describe, expect, it } from 'vitest';
import { buildGazetteerIndex } from './gazetteer-index.js';
import { resolveAddressText, type AddressResolution } from './resolve-address.js';
import { testBase } from './test-gazetteer.js';

const g = buildGazetteerIndex(testBase(), []);
const read = (text: string, homeRegion?: string): AddressResolution =>
  resolveAddressText(g, text, homeRegion === undefined ? {} : { homeRegion: g.idOf(homeRegion) });
const decided = (text: string, homeRegion?: string) => {
  const r = read(text, homeRegion);
  return r.decided ? g.code(r.decided.id) : undefined;
};
const bestCodes = (r: AddressResolution) => r.best.map((id) => g.code(id));

describe('levels left out', () => {
  it('finds Beijing’s 垡头街道 from 朝阳区垡头街道 without 北京市', () => {
    expect(decided('朝阳区垡头街道')).toBe('110105019');
  });

  it('finds the community from street and community alone', () => {
    expect(decided('垡头街道翠城馨园社区')).toBe('110105019024');
  });
});

describe('suffix variants', () => {
  it.each(['翠城馨园社区', '翠城馨园居委会', '翠城馨园社区居委会', '翠城馨园社区居民委员会'])(
    'reads %s as the same community',
    (community) => {
      expect(decided(`朝阳区垡头街道办事处${community}`)).toBe('110105019024');
    },
  );

  it('reads 沙河镇 as Beijing’s 沙河地区 (its other name)', () => {
    expect(decided('昌平区沙河镇')).toBe('110114004');
  });

  it('reads 潘渡镇 as 潘渡乡 (a 乡 is often called 镇 and the other way round)', () => {
    expect(decided('连江县潘渡镇')).toBe('350122116');
  });

  it('reads 朝阳县 as the county, not as either 朝阳区', () => {
    expect(decided('朝阳县')).toBe('211321');
  });

  it('reads 北京 without 市 as Beijing, so it settles which 朝阳区', () => {
    expect(decided('北京朝阳区')).toBe('110105');
  });
});

describe('traditional characters, full-width forms and words around the address', () => {
  it('reads traditional characters', () => {
    expect(decided('朝陽區垡頭街道翠城馨園社區')).toBe('110105019024');
  });

  it('reads through surrounding words and full-width digits', () => {
    const r = read('市民来电反映：朝阳区垡头街道翠城馨园社区３号楼２单元４０１室楼下餐馆油烟扰民');
    expect(r.decided && g.code(r.decided.id)).toBe('110105019024');
    expect(r.details).toEqual({ building: '3号楼', unit: '2单元', room: '401室' });
  });

  it('does not take a suffixed name glued inside another word as a contradiction', () => {
    // 前进社区 is a community in 长春's 朝阳区; here it is glued to 向 inside a phrase, so it cannot
    // overrule the names that open the address.
    expect(decided('朝阳区垡头街道翠城馨园社区向前进社区门口')).toBe('110105019024');
  });
});

describe('names shared between places', () => {
  it('sends a bare 朝阳区 to triage with both, ranked', () => {
    const r = read('朝阳区');
    expect(r.problem).toBe('ambiguous');
    expect(bestCodes(r)).toEqual(['110105', '220104']);
  });

  it('lets the source’s home region settle a bare 朝阳区, and says so', () => {
    const r = read('朝阳区', '110000');
    expect(r.decided).toEqual({ id: g.idOf('110105'), basis: 'home_region' });
    expect(bestCodes(read('朝阳区', '220000'))).toEqual(['220104', '110105']);
  });

  it('never lets the home region overrule the text: 长春市朝阳区 from a Beijing platform is 长春’s', () => {
    expect(read('长春市朝阳区', '110000').decided).toEqual({
      id: g.idOf('220104'),
      basis: 'unique',
    });
  });

  it('uses every level to choose: 朝阳区 + 东湖街道 can only be Beijing’s', () => {
    expect(decided('朝阳区东湖街道')).toBe('110105043');
    expect(decided('芙蓉区东湖街道')).toBe('430102017');
  });

  it('sends a bare 东湖街道 to triage with both streets; a Changsha platform’s goes to Changsha’s', () => {
    const r = read('东湖街道菜市场旁边路口');
    expect(r.problem).toBe('ambiguous');
    expect(bestCodes(r)).toEqual(['110105043', '430102017']);
    expect(read('东湖街道菜市场旁边路口', '430100').decided).toEqual({
      id: g.idOf('430102017'),
      basis: 'home_region',
    });
  });

  it('sends an address whose names belong to different places to triage as a conflict', () => {
    const r = read('北京市朝阳区垡头街道韶光社区');
    expect(r.problem).toBe('conflict');
    expect(r.unexplained.map((s) => s.text)).toEqual(['韶光社区']);
  });
});

describe('how much a name says', () => {
  it('does not claim the village when the name is also its 乡’s: 连江县潘渡 is 潘渡乡', () => {
    expect(decided('连江县潘渡')).toBe('350122116');
  });

  it('reads 潘渡乡潘渡 as the 乡 and then the 村 in it', () => {
    expect(decided('连江县潘渡乡潘渡')).toBe('350122116209');
  });

  it('does not route on one bare name alone, but lists it for the dispatcher', () => {
    const r = read('华龙苑北里');
    expect(r.problem).toBe('weak');
    expect(bestCodes(r)).toEqual(['110114010002']);
  });

  it('routes on two bare names that agree (霍营 + 华龙苑北里)', () => {
    expect(decided('霍营华龙苑北里13号楼')).toBe('110114010002');
  });

  it('finds nothing in text that names no place', () => {
    expect(read('菜市场旁边路口').problem).toBe('nothing');
  });

  it('records which words named which level', () => {
    const r = read('北京市朝阳区垡头街道翠城馨园社区居委会');
    expect(r.explained.map((e) => [e.span.text, g.code(e.id)])).toEqual([
      ['北京市', '110000'],
      ['朝阳区', '110105'],
      ['垡头街道', '110105019'],
      ['翠城馨园社区居委会', '110105019024'],
    ]);
  });
});

describe('building, unit and room', () => {
  it('reads them after the place names', () => {
    const r = read('朝阳区垡头街道翠城馨园社区3号楼2单元1502室');
    expect(r.decided && g.code(r.decided.id)).toBe('110105019024');
    expect(r.details).toEqual({ building: '3号楼', unit: '2单元', room: '1502室' });
  });
});
