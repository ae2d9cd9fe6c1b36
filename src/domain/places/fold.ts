// Folds text so that how a name was typed does not matter: NFKC (full-width forms), traditional
// characters to simplified by a table the base index carries (built from OpenCC), Latin to lower case.
// Index keys and incoming text go through the same fold, so both sides always agree.

/** code unit → folded code unit; 0 means "unchanged". 64K entries so lookup is one array read. */
export type FoldTable = Uint16Array;

export function foldTableFrom(pairs: Iterable<readonly [from: number, to: number]>): FoldTable {
  const table = new Uint16Array(0x10000);
  for (const [from, to] of pairs)
    if (from < 0x10000 && to < 0x10000 && from !== to) table[from] = to;
  return table;
}

export const emptyFoldTable: FoldTable = new Uint16Array(0x10000);

export function foldText(text: string, table: FoldTable): string {
  const nfkc = text.normalize('NFKC');
  let out = '';
  let changed = false;
  const codes = new Array<number>(nfkc.length);
  for (let i = 0; i < nfkc.length; i++) {
    let c = nfkc.charCodeAt(i);
    const mapped = table[c] ?? 0;
    if (mapped !== 0) c = mapped;
    else if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== nfkc.charCodeAt(i)) changed = true;
    codes[i] = c;
  }
  if (!changed) return nfkc;
  for (let i = 0; i < codes.length; i += 4096)
    out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
}
