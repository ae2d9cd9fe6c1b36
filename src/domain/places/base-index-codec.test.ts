// The base index file: what the build writes is what the gateway reads, and a file from another
// derivation is refused rather than misread.
import { describe, expect, it } from 'vitest';
import {
  BASE_INDEX_FORMAT,
  BaseIndexFormatError,
  decodeBaseIndex,
  encodeBaseIndex,
  readBaseIndexHeader,
} from './base-index-codec.js';
import { buildGazetteerIndex } from './gazetteer-index.js';
import { resolveAddressText } from './resolve-address.js';
import { testBase } from './test-gazetteer.js';

describe('base index file', () => {
  const bytes = encodeBaseIndex(testBase());

  it('reads back to an index that resolves addresses the same way', () => {
    // A copy at an odd offset, as a pooled file buffer may be.
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const decoded = decodeBaseIndex(shifted.subarray(3));
    for (const text of ['朝陽區垡頭街道翠城馨園社區', '连江县潘渡', '朝阳区']) {
      const a = resolveAddressText(buildGazetteerIndex(testBase(), []), text);
      const b = resolveAddressText(buildGazetteerIndex(decoded, []), text);
      expect([b.decided, b.best, b.problem]).toEqual([a.decided, a.best, a.problem]);
    }
  });

  it('names the dataset and the format in its header', () => {
    expect(readBaseIndexHeader(bytes)).toEqual({
      format: BASE_INDEX_FORMAT,
      dataset: 'test slice',
    });
  });

  it('refuses a file that is not a base index, or of another format', () => {
    expect(() => decodeBaseIndex(new TextEncoder().encode('{"places": []}'))).toThrow(
      BaseIndexFormatError,
    );
    const older = bytes.slice();
    const text = new TextDecoder().decode(older);
    const at = text.indexOf(`"format":${BASE_INDEX_FORMAT}`) + '"format":'.length;
    older[at] = '0'.charCodeAt(0);
    expect(() => decodeBaseIndex(older)).toThrow(/format 0/);
  });
});
