// GET /v1/stations/{stationId}/orders: a grid station pulls its inbox. With `wait`, an empty first
// page is held open (long poll) until an order arrives or the wait ends.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { OrderPage } from '../../../../contracts/views.js';
import { canSeeStation, presentView, visibleQuery } from '../../../usecases/access.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { pathParams, query } from '../../parse.js';
import { HttpProblem } from '../../problem.js';
import { PageQuery } from '../orders/list.js';
import { StationIdParam } from './station-id-param.js';

const StationQuery = PageQuery.extend({
  wait: z.coerce
    .number()
    .int()
    .min(0)
    .max(30)
    .default(0)
    .describe('Seconds to hold an empty answer open for new orders'),
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .describe(
      'With wait: hold the answer open until an order of the page changed after this time (the ' +
        'newest updatedAt the caller has seen), not only while the page is empty',
    ),
});

export function stationOrders(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/stations/{stationId}/orders',
      summary: "Pull a station's orders (long-poll with wait)",
      tags: ['Stations'],
      roles: ['station', 'dispatcher', 'auditor', 'supervisor', 'admin'],
      request: { params: StationIdParam, query: StationQuery },
      responses: {
        200: json(OrderPage, "The station's orders, oldest first"),
        404: { description: 'No such station (or not yours)' },
      },
    },
    async (c) => {
      const p = c.get('principal');
      const { stationId } = pathParams(c, StationIdParam);
      // A station asking for another station's inbox (or a scoped reader for one outside its
      // district) learns nothing, not even that it exists.
      const visible = visibleQuery(p, { stationId });
      if (!visible || !canSeeStation(p, stationId, deps.places)) {
        throw new HttpProblem(404, 'not_found', 'Not found', 'No such station inbox for this key');
      }
      const q = query(c, StationQuery);
      const present = (page: OrderPage) => ({
        ...page,
        items: page.items.map((v) => presentView(p, v, deps.sla)),
      });
      const read = () =>
        deps.store.list({
          ...visible,
          // 协办: an inbox holds the orders the station assists as well as those it leads.
          assisting: true,
          states: q.state,
          cursor: q.cursor,
          limit: q.limit,
        });
      const waitMs = Math.min(q.wait, deps.limits.longPollSeconds) * 1000;
      if (waitMs === 0) return c.json(present(await read()), 200);
      // Listen before reading, so an order arriving between the read and the wait is not missed.
      const stop = new AbortController();
      const onClientGone = () => stop.abort();
      c.req.raw.signal.addEventListener('abort', onClientGone, { once: true });
      const woken = deps.notifier.wait(stationId, waitMs, stop.signal);
      let page = await read();
      // Without `since` only an empty page waits; with it, a page with nothing newer waits too (a
      // worker's open inbox is rarely empty, and the page must still hear of the next change).
      const since = q.since === undefined ? undefined : Date.parse(q.since);
      const fresh = (pg: OrderPage) =>
        since === undefined
          ? pg.items.length > 0
          : pg.items.some((v) => Date.parse(v.updatedAt) > since);
      if (!fresh(page) && (await woken)) page = await read();
      stop.abort();
      c.req.raw.signal.removeEventListener('abort', onClientGone);
      return c.json(present(page), 200);
    },
  );

  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/stations',
      summary: 'The station directory',
      tags: ['Stations'],
      roles: ['source', 'station', 'dispatcher', 'auditor', 'supervisor', 'admin'],
      responses: {
        200: json(
          z.object({
            items: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
          }),
          'Stations',
        ),
      },
    },
    (c) =>
      Promise.resolve(
        c.json(
          { items: deps.places.stations.map((s) => ({ id: s.id, name: s.name, kind: s.kind })) },
          200,
        ),
      ),
  );
}
