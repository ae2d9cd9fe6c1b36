// POST /v1/orders/{id}/{action}: what stations (accept, contact, start, resolve, return, extension,
// pause, resume), dispatchers (dispatch, extension-decision) and hotlines (callback, reopen) do. One table, because every action is the same
// shape: parse the body, build the command, let the state machine decide, append.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import {
  AcceptAction,
  CallbackAction,
  PauseAction,
  ReopenAction,
  ResumeAction,
  ContactAction,
  DispatchAction,
  ExtensionDecisionAction,
  ExtensionRequestAction,
  ResolveAction,
  ReturnAction,
  ReturnDecisionAction,
  StartAction,
} from '../../../../contracts/actions.js';
import type { PrincipalRole } from '../../../../contracts/principals.js';
import { OrderView } from '../../../../contracts/views.js';
import type { Command } from '../../../domain/lifecycle/decide.js';
import { actOnOrder } from '../../../usecases/act-on-order.js';
import { presentView, visibleOrThrow } from '../../../usecases/access.js';
import type { Principal } from '../../principal.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { jsonBody } from '../../parse.js';
import { OrderIdParam } from './get.js';

interface ActionSpec<S extends z.ZodType> {
  path: string;
  summary: string;
  roles: readonly PrincipalRole[];
  body: S;
  command: (
    input: z.infer<S>,
    p: Principal,
    now: Date,
    view: OrderView,
    deps: Pick<AppDeps, 'sla' | 'metrics'>,
  ) => Command;
}

const action = <S extends z.ZodType>(spec: ActionSpec<S>): ActionSpec<z.ZodType> => spec;

const stationActions = [
  action({
    path: 'accept',
    summary: '签收: the station accepts the order',
    roles: ['station'],
    body: AcceptAction,
    command: (i) => ({ kind: 'accept', note: i.note }),
  }),
  action({
    path: 'contact',
    summary: '响应: the citizen was contacted',
    roles: ['station'],
    body: ContactAction,
    command: (i) => ({ kind: 'contact', method: i.method, note: i.note }),
  }),
  action({
    path: 'start',
    summary: '办理: work has started',
    roles: ['station'],
    body: StartAction,
    command: (i) => ({ kind: 'start', note: i.note }),
  }),
  action({
    path: 'resolve',
    summary: '办结: resolved, with the result',
    roles: ['station'],
    body: ResolveAction,
    command: (i) => ({ kind: 'resolve', input: i }),
  }),
  action({
    path: 'return',
    summary: '退单: not ours, with a reason; waits for a dispatcher to review it (return-decision)',
    roles: ['station'],
    body: ReturnAction,
    command: (i, p) => ({ kind: 'return', stationId: p.id, input: i }),
  }),
  action({
    path: 'extension-requests',
    summary: '延期: ask for more time, before the deadline, with a reason',
    roles: ['station'],
    body: ExtensionRequestAction,
    command: (i, _p, now, view, d) => ({
      kind: 'request_extension',
      input: i,
      now,
      resolveDueAt: d.sla.dueAt(view, 'resolve'),
    }),
  }),
  action({
    path: 'pause',
    summary:
      '挂起: stop the clock while waiting on the citizen or a third party (where policy allows)',
    roles: ['station'],
    body: PauseAction,
    command: (i) => ({ kind: 'pause', reason: i.reason }),
  }),
  action({
    path: 'resume',
    summary: 'Resume after a pause',
    roles: ['station'],
    body: ResumeAction,
    command: (i) => ({ kind: 'resume', note: i.note }),
  }),
  action({
    path: 'callback',
    summary:
      '回访: the hotline records the callback survey (once per cycle, inside the callback window)',
    roles: ['source'],
    body: CallbackAction,
    command: (i, _p, now, view, d) => ({
      kind: 'callback',
      input: i,
      now,
      callbackDueAt: d.sla.dueAt(view, 'callback'),
      reopenOnUnsatisfied: d.metrics.config.reopenOnUnsatisfied,
    }),
  }),
  action({
    path: 'reopen',
    summary: '重办: the hotline sends a resolved order back for a new cycle',
    roles: ['source'],
    body: ReopenAction,
    command: (i) => ({ kind: 'reopen', reason: i.reason }),
  }),
  action({
    path: 'extension-decision',
    summary: 'Approve or deny the pending extension (dispatcher)',
    roles: ['dispatcher', 'admin'],
    body: ExtensionDecisionAction,
    command: (i) => ({ kind: 'decide_extension', input: i }),
  }),
  action({
    path: 'dispatch',
    summary: '派单/改派: send the order to a station (dispatcher)',
    roles: ['dispatcher', 'admin'],
    body: DispatchAction,
    command: (i) => ({ kind: 'dispatch', stationId: i.stationId, note: i.note }),
  }),
  action({
    path: 'return-decision',
    summary:
      '退单审核: accept a return (re-route, optionally to a station now) or reject it with a note (back to the station)',
    roles: ['dispatcher', 'admin'],
    body: ReturnDecisionAction,
    command: (i) => ({ kind: 'decide_return', input: i }),
  }),
];

export function orderActions(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  for (const spec of stationActions) {
    defineRoute(
      app,
      {
        method: 'post',
        path: `/v1/orders/{id}/${spec.path}`,
        summary: spec.summary,
        tags: ['Actions'],
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
              'Not allowed in the current state (the problem names it), or the order changed meanwhile',
          },
        },
      },
      async (c) => {
        const p = c.get('principal');
        const id = c.req.param('id') ?? '';
        // Not yours is "not found", before the body is even read.
        const current = visibleOrThrow(p, await deps.store.get(id), id, deps.places);
        const input = (await jsonBody(c, spec.body, deps.limits.bodyBytes)) as {
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
}
