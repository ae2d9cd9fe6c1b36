// The CSV downloads for what is on screen: the period's orders and the current ranking, in Chinese
// with Beijing times (the API's default). Plain links: the session cookie goes with them.
import { h } from '../lib/dom.js';
import { fmt, messages } from '../lib/messages.js';
import { qs, type RankBy, type UnitFilter } from './data.js';

export function renderExports(
  box: HTMLElement,
  period: string,
  unit: UnitFilter,
  by: RankBy | undefined,
): void {
  const m = messages<'audit'>().audit;
  const links: HTMLAnchorElement[] = [
    h(
      'a',
      {
        class: 'button primary',
        id: 'export-orders',
        href: `/v1/metrics/export/orders.csv?${qs({ period, ...unit })}`,
        download: '',
      },
      fmt(m.exports.orders, { period }),
    ),
  ];
  if (by)
    links.push(
      h(
        'a',
        {
          class: 'button',
          id: 'export-ranking',
          href: `/v1/metrics/export/figures.csv?${qs({ period, by, ...unit })}`,
          download: '',
        },
        fmt(m.exports.ranking, { by: m.ranking.by[by], period }),
      ),
    );
  box.replaceChildren(...links);
}
