import { describe, expect, it } from 'vitest';
import { fullPlaceName } from './full-name.js';

const line = (...names: string[]) => names.map((name) => ({ name }));

describe('a division named as people write it', () => {
  it('joins the province down to the place and drops the code table’s placeholders', () => {
    expect(fullPlaceName(line('东城区', '北京市市辖区', '北京市'))).toBe('北京市东城区');
    expect(fullPlaceName(line('垡头街道', '朝阳区', '北京市市辖区', '北京市'))).toBe(
      '北京市朝阳区垡头街道',
    );
    expect(fullPlaceName(line('芙蓉区', '长沙市', '湖南省'))).toBe('湖南省长沙市芙蓉区');
    expect(fullPlaceName([])).toBe('');
  });
});
