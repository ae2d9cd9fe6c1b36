// GET /v1/me: who this key is. The station page uses it to find its own inbox.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { PrincipalRole } from '../../../contracts/principals.js';
import { defineRoute, json } from '../define-route.js';
import type { AppEnv } from '../deps.js';

const Me = z.object({
  id: z.string(),
  role: PrincipalRole,
  name: z.string(),
  scope: z.string().optional(),
});

export function me(app: OpenAPIHono<AppEnv>): void {
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/me',
      summary: 'The caller: id, role, name (and an auditor’s scope)',
      tags: ['Operations'],
      roles: ['source', 'station', 'dispatcher', 'auditor', 'supervisor', 'admin'],
      responses: { 200: json(Me, 'The principal this key belongs to') },
    },
    async (c) => {
      const p = c.get('principal');
      return c.json(
        { id: p.id, role: p.role, name: p.name, ...(p.scope ? { scope: p.scope } : {}) },
        200,
      );
    },
  );
}
