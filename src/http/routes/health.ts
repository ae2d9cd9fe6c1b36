// Probes: public by design (orchestrators call them without keys) and they reveal nothing.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { defineRoute, json } from '../define-route.js';
import type { AppDeps, AppEnv } from '../deps.js';
import { HttpProblem } from '../problem.js';

export function health(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const Status = z.object({ status: z.literal('ok') });
  defineRoute(
    app,
    {
      method: 'get',
      path: '/healthz',
      summary: 'Liveness',
      tags: ['Operations'],
      roles: [],
      responses: { 200: json(Status, 'The process is alive') },
    },
    (c) => Promise.resolve(c.json({ status: 'ok' as const }, 200)),
  );
  defineRoute(
    app,
    {
      method: 'get',
      path: '/readyz',
      summary: 'Readiness: the store answers',
      tags: ['Operations'],
      roles: [],
      responses: {
        200: json(Status, 'Ready to take traffic'),
        503: { description: 'Starting or draining' },
      },
    },
    async (c) => {
      if (!deps.ready())
        throw new HttpProblem(
          503,
          'not_ready',
          'Not ready',
          'The gateway is starting or shutting down',
        );
      await deps.store.get('readiness-probe');
      return c.json({ status: 'ok' as const }, 200);
    },
  );
}
