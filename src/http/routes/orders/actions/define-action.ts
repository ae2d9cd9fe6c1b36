// What every POST /v1/orders/{id}/<action> does the same way: check who may call it, find the order
// (not yours is "not found", before the body is read), parse the body against the action's contract,
// build the command, let the state machine decide, append at the version the decision was made on.
// Each action's own file says only its path, roles, body and command.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import type { PrincipalRole } from '../../../../../contracts/principals.js';
import { OrderView } from '../../../../../contracts/views.js';
import type { Command } from '../../../../domain/lifecycle/decide.js';
import { presentView, visibleOrThrow } from '../../../../usecases/access.js';
import { actOnOrder } from '../../../../usecases/act-on-order.js';
import type { Principal } from '../../../../usecases/principal.js';
import { defineRoute, json } from '../../../define-route.js';
import type { AppDeps, AppEnv } from '../../../deps.js';
import { jsonBody, pathParams } from '../../../parse.js';
import { HttpProblem } from '../../../problem.js';
import { OrderIdParam } from '../get.js';

export interface ActionSpec<S extends z.ZodType> {
  /** The last path segment: /v1/orders/{id}/<path>. */
  path: string;
  summary: string;
  roles: readonly PrincipalRole[];
  /** The OpenAPI group; 'Actions' unless told. */
  tag?: string;
  /**
   * 协办: an action an assisting station takes on its own part. Every other station action is the
   * lead's (主办) only: an assisting station that may read the order gets 403 for it.
   */
  assisting?: boolean;
  /** When the action is refused as a state conflict, in the document's words. */
  conflict?: string;
  body: S;
  command: (
    input: z.infer<S>,
    p: Principal,
    now: Date,
    view: OrderView,
    deps: Pick<AppDeps, 'sla' | 'metrics'>,
  ) => Command;
}

export type OrderActionRoute = (app: OpenAPIHono<AppEnv>, deps: AppDeps) => void;

export function defineOrderAction<S extends z.ZodType>(spec: ActionSpec<S>): OrderActionRoute {
  return (app, deps) =>
    defineRoute(
      app,
      {
        method: 'post',
        path: `/v1/orders/{id}/${spec.path}`,
        summary: spec.summary,
        tags: [spec.tag ?? 'Actions'],
        roles: spec.roles,
        request: {
          params: OrderIdParam,
          body: { required: true, content: { 'application/json': { schema: spec.body } } },
        },
        responses: {
          200: json(OrderView, 'The order after the action'),
          404: { description: 'No such order, or not one the caller may act on' },
          409: {
            description:
              spec.conflict ??
              'Not allowed in the current state (the problem names it), or the order changed meanwhile',
          },
        },
      },
      async (c) => {
        const p = c.get('principal');
        const { id } = pathParams(c, OrderIdParam);
        const current = visibleOrThrow(p, await deps.store.get(id), id, deps.places);
        if (p.role === 'station' && spec.assisting !== true && current.station?.id !== p.id)
          throw new HttpProblem(
            403,
            'forbidden',
            'Not the lead station',
            'This station assists the order (协办) and may act only on its own part',
          );
        const input = (await jsonBody(c, spec.body, deps.limits.bodyBytes)) as z.infer<S> & {
          expectedVersion?: number;
        };
        const view = await actOnOrder(
          deps,
          p,
          current,
          spec.command(input, p, deps.clock.now(), current, deps),
          input.expectedVersion,
        );
        c.get('log').info(
          { orderId: view.id, action: spec.path, state: view.state, version: view.version },
          'order action',
        );
        return c.json(presentView(p, view, deps.sla), 200);
      },
    );
}
