// CSV for spreadsheets: UTF-8 with a byte-order mark so Excel opens Chinese text correctly, CRLF line
// ends, RFC 4180 quoting, and cells that could start a formula neutralised (CSV injection). Times are
// written one way per file: local time with its offset (+08:00 in Beijing) for people, or UTC (Z) for
// programs that asked for codes.
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

/** How a file is written: Chinese labels and local time (people), or codes and UTC (programs). */
export type CsvStyle = 'labels' | 'codes';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An instant as RFC 3339 to the second: `2026-03-02T09:00:00+08:00` in local time (utcOffsetMinutes,
 * +480 for Beijing) or `2026-03-02T01:00:00Z` in UTC. Empty for no time; unparsable text is kept.
 */
export function csvTime(
  iso: string | undefined,
  style: CsvStyle,
  utcOffsetMinutes: number,
): string {
  if (iso === undefined || iso === '') return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  if (style === 'codes') return `${new Date(ms).toISOString().slice(0, 19)}Z`;
  const local = new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
