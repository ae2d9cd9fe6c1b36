// GET /v1/stations/{stationId}/returns: 退单审核中, the orders a station returned that wait for a
// dispatcher's review, so the station keeps sight of them (read-only; personal data masked, since
// the station no longer holds them).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { OrderView } from '../../../../contracts/views.js';
import { canSeeStation, maskPersonalData, presentView } from '../../../usecases/access.js';
import { returnsAwaitingReview } from '../../../usecases/station-returns.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { pathParams } from '../../parse.js';
import { HttpProblem } from '../../problem.js';
import { StationIdParam } from './station-id-param.js';

export const StationReturns = z.object({
  items: z
    .array(OrderView)
    .describe('Orders the station returned that await 退单审核, oldest first; read-only'),
  truncated: z.boolean().describe('The scan stopped at its bound; more may wait'),
});

export function stationReturns(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/stations/{stationId}/returns',
      summary: '退单审核中: the orders a station returned that await a dispatcher’s review',
      tags: ['Stations'],
      roles: ['station', 'dispatcher', 'auditor', 'supervisor', 'admin'],
      request: { params: StationIdParam },
      responses: {
        200: json(StationReturns, 'The returns awaiting review'),
        404: { description: 'No such station (or not yours)' },
      },
    },
    async (c) => {
      const p = c.get('principal');
      const { stationId } = pathParams(c, StationIdParam);
      if ((p.role === 'station' && p.id !== stationId) || !canSeeStation(p, stationId, deps.places))
        throw new HttpProblem(404, 'not_found', 'Not found', 'No such station inbox for this key');
      const found = await returnsAwaitingReview({ store: deps.store }, p, stationId);
      const items = found.items.map((v) => maskPersonalData(presentView(p, v, deps.sla)));
      return c.json({ items, truncated: found.truncated }, 200);
    },
  );
}
