// Stray HTML from web forms and rich-text editors: tags removed, the common entities decoded. Only
// tag-shaped text is touched, so a citizen's "3<5" or "A&B" stays as written.
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>|<!--[\s\S]*?-->/g;
const BREAK = /(?:\s*<(?:br\s*\/?|\/p|\/div|\/li)>\s*)+/gi;
const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  middot: '·',
  hellip: '…',
};
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;

function decodeEntity(match: string, dec?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED[name.toLowerCase()] ?? match;
  const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
    ? String.fromCodePoint(code)
    : match;
}

export function stripHtml(text: string): { text: string; changed: boolean } {
  TAG.lastIndex = 0;
  ENTITY.lastIndex = 0;
  const hasTag = TAG.test(text);
  const hasEntity = ENTITY.test(text);
  if (!hasTag && !hasEntity) return { text, changed: false };
  const out = text.replace(BREAK, '\n').replace(TAG, '').replace(ENTITY, decodeEntity);
  return { text: out, changed: out !== text };
}
