// POST /v1/intake/edge: the hand-off from the Workers intake (src/edge). The caller is the source
// itself (its API key, forwarded by the edge) and the body must carry a valid Standard Webhooks
// signature made with EDGE_HANDOFF_SECRET; then the normal intake use case runs, so an order pushed
// at the edge is stored, routed and answered exactly like one pushed here.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Accepted } from '../../../../contracts/views.js';
import { EdgeHandoff, fromBase64, HANDOFF_PATH } from '../../../../contracts/edge-handoff.js';
import { submitOrder } from '../../../usecases/submit-order.js';
import { DEFAULT_TOLERANCE_SECONDS, verify } from '../../../webhooks/standard-webhooks.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { accepted } from '../../intake/accepted.js';
import { parseJson, readBody, requireJsonContentType } from '../../parse.js';
import { HttpProblem } from '../../problem.js';

/** The hand-off carries the original bytes (base64) beside the parsed order: room for both. */
const HANDOFF_SIZE_FACTOR = 3;

export function edgeHandoffIntake(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'post',
      path: HANDOFF_PATH,
      summary:
        'Hand-off of an order checked by the Workers intake (signed with EDGE_HANDOFF_SECRET)',
      tags: ['Intake'],
      roles: ['source'],
      request: {
        headers: z.object({
          'webhook-id': z.string(),
          'webhook-timestamp': z.string(),
          'webhook-signature': z.string(),
        }),
        body: { required: true, content: { 'application/json': { schema: EdgeHandoff } } },
      },
      responses: {
        202: json(Accepted, 'Accepted (or already accepted earlier)'),
        409: json(z.object({}), 'Idempotency key reused with a different body'),
        503: json(z.object({}), 'This core takes no hand-offs (EDGE_HANDOFF_SECRET unset)'),
      },
    },
    async (c) => {
      const keys = deps.edgeHandoff;
      if (!keys || keys.length === 0)
        throw new HttpProblem(
          503,
          'edge_handoff_disabled',
          'Edge hand-off is not enabled',
          'Set EDGE_HANDOFF_SECRET on the core to accept orders from the Workers intake',
        );
      requireJsonContentType(c);
      const body = await readBody(c, deps.limits.bodyBytes * HANDOFF_SIZE_FACTOR);
      const headers = {
        id: c.req.header('webhook-id'),
        timestamp: c.req.header('webhook-timestamp'),
        signature: c.req.header('webhook-signature'),
      };
      const verdict = await verify(
        headers,
        body,
        keys,
        Math.floor(deps.clock.now().getTime() / 1000),
        DEFAULT_TOLERANCE_SECONDS,
      );
      if (!verdict.ok)
        throw new HttpProblem(
          401,
          `handoff_${verdict.reason}`,
          'Hand-off signature refused',
          'Only the edge intake, holding EDGE_HANDOFF_SECRET, may hand orders off',
        );
      const handoff = parseJson(body, EdgeHandoff);
      const result = await submitOrder(deps, {
        principal: c.get('principal'),
        submission: handoff.submission,
        rawBody: fromBase64(handoff.raw),
        contentType: handoff.contentType,
        idempotencyKey: handoff.idempotencyKey,
        quality: handoff.quality,
      });
      return accepted(c, result);
    },
  );
}
