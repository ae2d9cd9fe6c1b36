// POST /v1/intake/cn-12345: a 12345 platform pushes an order in its own export format (Chinese field
// names; JSON, form or XML; UTF-8, GBK or GB18030). Same pipeline and answer as POST /v1/orders.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { cn12345Adapter } from '../../../../adapters/inbound/cn-12345/adapter.js';
import { Accepted } from '../../../../contracts/views.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { accepted } from '../../intake/accepted.js';
import { IdempotencyKey, receiveOrder } from '../../intake/receive.js';

const Fields = z
  .record(z.string(), z.unknown())
  .describe(
    '12345 export fields: 工单编号, 工单类型, 问题分类, 标题, 主要内容, 来电人, 来电号码, 来电时间, 被反映区, 被反映街乡镇, 村/社区, 小区点位, 紧急程度 … (docs/adapters.md)',
  );

export function cn12345Intake(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'post',
      path: '/v1/intake/cn-12345',
      summary: 'Submit a work order in a 12345 export format (受理)',
      tags: ['Intake'],
      roles: ['source'],
      intake: true,
      request: {
        headers: z.object({
          'idempotency-key': IdempotencyKey,
          'webhook-id': z.string().optional(),
          'webhook-timestamp': z.string().optional(),
          'webhook-signature': z.string().optional(),
        }),
        body: {
          required: true,
          content: {
            'application/json': { schema: Fields },
            'application/x-www-form-urlencoded': { schema: Fields },
            'application/xml': {
              schema: z.string().describe('<工单><工单编号>…</工单编号>…</工单>; no DOCTYPE'),
            },
          },
        },
      },
      responses: {
        202: {
          ...json(
            Accepted,
            'Accepted (or already accepted earlier); quality says what was repaired',
          ),
          headers: { Location: { schema: { type: 'string' } } },
        },
        409: {
          description: 'Idempotency-Key or webhook-id reused with a different body',
          content: { 'application/problem+json': { schema: z.object({}) } },
        },
        429: {
          description: 'This source is over its intake rate; see Retry-After',
          content: { 'application/problem+json': { schema: z.object({}) } },
        },
      },
    },
    async (c) => accepted(c, await receiveOrder(c, deps, cn12345Adapter)),
  );
}
