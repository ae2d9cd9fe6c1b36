// A division's name as people write it on a form: the province down to the place, without the
// statistical placeholders the code table carries between them (北京市市辖区, 县): 110101 is
// 北京市东城区, 110105019 北京市朝阳区垡头街道.
import type { Place } from '../../../contracts/places.js';

/** A statistical placeholder of the code tables, never shown in a place's line (北京市市辖区, 县). */
export const isPlaceholderName = (name: string): boolean =>
  name.endsWith('市辖区') || name === '县' || name.endsWith('直辖县级行政区划');

/** The lineage (most specific first, as PlaceIndex.lineage gives it) as one name; '' when empty. */
export function fullPlaceName(lineage: readonly Pick<Place, 'name'>[]): string {
  return [...lineage]
    .reverse()
    .map((p) => p.name)
    .filter((n) => !isPlaceholderName(n))
    .join('');
}
