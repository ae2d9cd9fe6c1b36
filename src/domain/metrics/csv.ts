// CSV for spreadsheets: UTF-8 with a byte-order mark so Excel opens Chinese text correctly, CRLF line
// ends, RFC 4180 quoting, and cells that could start a formula neutralised (CSV injection).
const BOM = '\uFEFF';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s =
    typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const lines = [header.map(cell).join(',')];
  for (const r of rows) lines.push(r.map(cell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
