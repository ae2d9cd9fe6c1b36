// A small XML writer for GeoReport v2 responses: element names are fixed by the spec, values escaped.
/** XML 1.0 forbids most control characters even escaped; they are dropped. */
const allowedInXml = (c: string): boolean => c >= ' ' || c === '\t' || c === '\n' || c === '\r';
const escape = (s: string): string =>
  [...s]
    .filter(allowedInXml)
    .join('')
    .replace(/[<>&"']/g, (c) => named[c] ?? '');
/** XML's five predefined entities: every XML parser decodes them, numeric references not all do. */
const named: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
};

export type XmlValue =
  string | number | boolean | null | undefined | XmlValue[] | { [k: string]: XmlValue };

/** <root><item>…</item>…</root>, the shape every GeoReport list response has. */
export function xmlList(
  root: string,
  item: string,
  rows: readonly Record<string, XmlValue>[],
): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${rows.map((r) => element(item, r)).join('')}</${root}>\n`;
}

export function xmlDocument(root: string, value: Record<string, XmlValue>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`;
}

function element(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value))
    return `<${name}>${value.map((v) => element(singular(name), v)).join('')}</${name}>`;
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  return `<${name}>${escape(String(value))}</${name}>`;
}

/** keywords → keyword, attributes → attribute: GeoReport's list children. */
function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : `${name}_item`;
}
