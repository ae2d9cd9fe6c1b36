// The base index file: a small JSON header, then the typed arrays of the base gazetteer laid out
// back to back (8-byte aligned) so loading is one read and a few views, with no parsing.
import type { BaseGazetteer } from './base-gazetteer.js';

const MAGIC = 'HGPLACES';
/** Bump when the derivation (name forms, trie layout, fold) changes: older files are then rebuilt. */
export const BASE_INDEX_FORMAT = 5;

type Typed = Float64Array | Uint8Array | Int32Array | Uint32Array | Uint16Array;
const sectionNames = [
  'codes',
  'levels',
  'classes',
  'parents',
  'nameStart',
  'names',
  'labels',
  'childStart',
  'postStart',
  'postings',
  'fold',
] as const;
type SectionName = (typeof sectionNames)[number];

interface Header {
  format: number;
  dataset: string;
  sections: Record<SectionName, { offset: number; length: number }>;
}

export class BaseIndexFormatError extends Error {}

function sections(base: BaseGazetteer): Record<SectionName, Typed> {
  return {
    codes: base.codes,
    levels: base.levels,
    classes: base.classes,
    parents: base.parents,
    nameStart: base.nameStart,
    names: new TextEncoder().encode(base.names),
    labels: base.trie.labels,
    childStart: base.trie.childStart,
    postStart: base.trie.postStart,
    postings: base.trie.postings,
    fold: base.fold,
  };
}

const align = (n: number) => (n + 7) & ~7;

export function encodeBaseIndex(base: BaseGazetteer): Uint8Array {
  const parts = sections(base);
  let offset = 0;
  const layout = {} as Header['sections'];
  for (const name of sectionNames) {
    layout[name] = { offset, length: parts[name].length };
    offset = align(offset + parts[name].byteLength);
  }
  const header = new TextEncoder().encode(
    JSON.stringify({
      format: BASE_INDEX_FORMAT,
      dataset: base.dataset,
      sections: layout,
    } satisfies Header),
  );
  const bodyStart = align(MAGIC.length + 4 + header.length);
  const out = new Uint8Array(bodyStart + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, header.length, true);
  out.set(header, MAGIC.length + 4);
  for (const name of sectionNames) {
    const p = parts[name];
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), bodyStart + layout[name].offset);
  }
  return out;
}

/** Reads the header only: the format and dataset, to decide whether a file must be rebuilt. */
export function readBaseIndexHeader(bytes: Uint8Array): { format: number; dataset: string } {
  if (
    bytes.length < MAGIC.length + 4 ||
    new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC
  ) {
    throw new BaseIndexFormatError('not a base place index (bad magic)');
  }
  const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true);
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + len)),
  ) as Header;
  return { format: header.format, dataset: header.dataset };
}

export function decodeBaseIndex(input: Uint8Array): BaseGazetteer {
  // Typed-array views need aligned offsets; a pooled buffer may start anywhere.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const head = readBaseIndexHeader(bytes);
  if (head.format !== BASE_INDEX_FORMAT)
    throw new BaseIndexFormatError(
      `base place index has format ${head.format}, this gateway reads ${BASE_INDEX_FORMAT}`,
    );
  const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true);
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + len)),
  ) as Header;
  const bodyStart = bytes.byteOffset + align(MAGIC.length + 4 + len);
  const at = (name: SectionName) => ({
    off: bodyStart + header.sections[name].offset,
    n: header.sections[name].length,
  });
  const view = <T>(
    name: SectionName,
    make: (buf: ArrayBufferLike, off: number, n: number) => T,
  ): T => {
    const { off, n } = at(name);
    return make(bytes.buffer, off, n);
  };
  const u32 = (name: SectionName) => view(name, (b, o, n) => new Uint32Array(b, o, n));
  return {
    dataset: header.dataset,
    codes: view('codes', (b, o, n) => new Float64Array(b, o, n)),
    levels: view('levels', (b, o, n) => new Uint8Array(b, o, n)),
    classes: view('classes', (b, o, n) => new Uint8Array(b, o, n)),
    parents: view('parents', (b, o, n) => new Int32Array(b, o, n)),
    nameStart: u32('nameStart'),
    names: new TextDecoder().decode(view('names', (b, o, n) => new Uint8Array(b, o, n))),
    trie: {
      labels: view('labels', (b, o, n) => new Uint16Array(b, o, n)),
      childStart: u32('childStart'),
      postStart: u32('postStart'),
      postings: u32('postings'),
    },
    fold: view('fold', (b, o, n) => new Uint16Array(b, o, n)),
  };
}
