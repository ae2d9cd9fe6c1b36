// CSV for spreadsheets: UTF-8 with a byte-order mark so Excel opens Chinese text correctly, CRLF line
// ends, RFC 4180 quoting, and cells that could start a formula neutralised (CSV injection). Times are
// written one way per file: local wall-clock time `2026-11-30 14:32:46` for people (Excel reads it as a
// date; it does not read an RFC 3339 offset, and keeps such a cell as text), the zone said in the
// column name; or UTC (Z) for programs that asked for codes.
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
 * An instant to the second: `2026-03-02 09:00:00` in local time (utcOffsetMinutes, +480 for Beijing;
 * the column's name says which, see `timeZoneNameZh`) or RFC 3339 `2026-03-02T01:00:00Z` in UTC for
 * codes. Empty for no time; unparsable text is kept.
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
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The zone of a file's local times, for its column names: 北京时间 at +08:00, else UTC+hh:mm. */
export function timeZoneNameZh(utcOffsetMinutes: number): string {
  if (utcOffsetMinutes === 480) return '北京时间';
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
