// A small slice of the statistical tables for unit tests: real codes and names, including the
// classic traps (two 朝阳区, two 东湖街道, 潘渡乡 with 潘渡村 in it, 朝阳县 beside 朝阳区).
import { buildBaseGazetteer, type BaseGazetteer, type DivisionRow } from './base-gazetteer.js';
import { foldTableFrom } from './fold.js';

const rows: DivisionRow[] = [
  ['110000', '北京市', 'province'],
  ['110100', '市辖区', 'city'],
  ['110105', '朝阳区', 'district'],
  ['110105019', '垡头街道', 'street'],
  ['110105019024', '翠城馨园社区居委会', 'community'],
  ['110105019013', '垡头一区社区居民委员会', 'community'],
  ['110105043', '东湖街道', 'street'],
  ['110105043001', '望京西园四区社区居委会', 'community'],
  ['110114', '昌平区', 'district'],
  ['110114004', '沙河地区', 'street'],
  ['110114010', '霍营街道', 'street'],
  ['110114010002', '华龙苑北里社区居委会', 'community'],
  ['220000', '吉林省', 'province'],
  ['220100', '长春市', 'city'],
  ['220104', '朝阳区', 'district'],
  ['220104001', '前进街道', 'street'],
  ['220104001001', '前进社区居委会', 'community'],
  ['210000', '辽宁省', 'province'],
  ['211300', '朝阳市', 'city'],
  ['211321', '朝阳县', 'district'],
  ['430000', '湖南省', 'province'],
  ['430100', '长沙市', 'city'],
  ['430102', '芙蓉区', 'district'],
  ['430102017', '东湖街道', 'street'],
  ['430102017003', '韶光社区居委会', 'community'],
  ['430102017201', '东湖村委会', 'community'],
  ['350000', '福建省', 'province'],
  ['350100', '福州市', 'city'],
  ['350122', '连江县', 'district'],
  ['350122116', '潘渡乡', 'street'],
  ['350122116209', '潘渡村委会', 'community'],
  ['350122116210', '东岭村委会', 'community'],
].map(([code, name, level]) => ({ code, name, level }) as DivisionRow);

/** Traditional → simplified for the characters the tests write in traditional form. */
const fold = foldTableFrom(
  [...'陽區頭園社會關於來電鄉'].map(
    (t, i) => [t.charCodeAt(0), '阳区头园社会关于来电乡'.charCodeAt(i)] as const,
  ),
);

export function testBase(): BaseGazetteer {
  return buildBaseGazetteer(rows, fold, 'test slice');
}
