// The page's words: the server puts the catalogue's shared part and the page's own part into
// <script type="application/json" id="messages"> (data, not code, so the strict CSP allows it).
import type { Catalogue, PageName } from '../../messages/index.js';
import { format } from '../../messages/format.js';

export type PageMessages<P extends PageName> = { common: Catalogue['common'] } & Pick<Catalogue, P>;

let cache: unknown;
export function messages<P extends PageName>(): PageMessages<P> {
  cache ??= JSON.parse(document.getElementById('messages')?.textContent ?? '{}') as unknown;
  return cache as PageMessages<P>;
}

export { format as fmt };

/** A label from a table of codes, falling back to the code itself so nothing shows blank. */
export function label(table: Readonly<Record<string, string>>, code: string | undefined): string {
  if (code === undefined) return '';
  return table[code] ?? code;
}
