// The one message catalogue (zh-CN) of every page. Server-rendered text and client scripts read it;
// a page receives `common` plus its own part as JSON, so nothing a person reads is written in code.
import { common } from './common.js';
import { landing, login } from './landing.js';
import { station } from './station.js';
import { dispatch } from './dispatch.js';
import { audit } from './audit.js';
import { admin } from './admin.js';
import { supervision } from './supervision.js';

export const zhCN = {
  common,
  landing,
  login,
  station,
  dispatch,
  audit,
  admin,
  supervision,
} as const;
export type Catalogue = typeof zhCN;
export type PageName = Exclude<keyof Catalogue, 'common'>;

/** What one page's script receives: the shared words and its own. */
export function messagesFor(
  page: PageName,
): { common: Catalogue['common'] } & Record<string, unknown> {
  return { common: zhCN.common, [page]: zhCN[page] };
}

export { format } from './format.js';
