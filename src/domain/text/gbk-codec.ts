// A GBK encoder built from the platform's own GBK decoder (WHATWG TextDecoder), so mojibake can be
// reversed without Node's Buffer or a bundled table: the domain core stays runnable on Workers.
let table: Map<string, number> | undefined;

/** Built once, lazily: every two-byte GBK sequence decoded and indexed by the character it gives. */
function encodeTable(): Map<string, number> {
  if (table) return table;
  const map = new Map<string, number>();
  const decoder = new TextDecoder('gbk');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const ch = decoder.decode(pair);
      if (ch.length >= 1 && ch !== '\ufffd' && [...ch].length === 1 && !map.has(ch))
        map.set(ch, (lead << 8) | trail);
    }
  }
  // The one single-byte extension of Windows GBK: 0x80 is the euro sign ("€" in "鈥€" residue).
  map.set('\u20ac', 0x80);
  table = map;
  return map;
}

/** GBK bytes of `text`, or undefined when a character has no GBK form. */
export function encodeGbk(text: string): Uint8Array | undefined {
  const map = encodeTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const pair = map.get(ch);
    if (pair === undefined) return undefined;
    if (pair < 0x100) out.push(pair);
    else out.push(pair >> 8, pair & 0xff);
  }
  return Uint8Array.from(out);
}
