// Learning from dispatchers (issue 18.7), over HTTP:
// - GET  /v1/places/alias-suggestions: what hand dispatches of triaged or returned orders taught
//   (the text's place words → the place of the station chosen), most taught first;
// - POST /v1/places/aliases: an operator accepts one into the gazetteer with one call (never
//   automatically); it is kept (the AliasStore: SQLite or Redis) and routing reads it from the next
//   order on, after a restart too;
// - GET  /v1/places/routing-accuracy: 派单准确率 per rule, place and station for the auditors (a
//   scoped auditor: the orders under their scope only).
// All three read the event log through src/domain/routing/feedback.ts.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { OrderEvent } from '../../../../contracts/events.js';
import { foldRoutingFeedback } from '../../../domain/routing/feedback.js';
import { acceptAlias } from '../../../usecases/accepted-aliases.js';
import { scopeOf } from '../../../usecases/access.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { jsonBody } from '../../parse.js';
import { HttpProblem } from '../../problem.js';

const Suggestion = z.object({
  text: z.string().describe("The words of the orders' place text the router could not place"),
  code: z.string().describe('Division code of the place dispatchers sent them to'),
  name: z.string(),
  count: z.number().int().describe('Hand dispatches that taught it'),
  orders: z.array(z.string()).describe('Some of those orders'),
});

const AccuracyRow = z.object({
  key: z.string(),
  name: z.string().optional().describe("The place's or station's name, where the key names one"),
  routed: z.number().int().describe('Orders the router sent to a station by itself'),
  wrong: z.number().int().describe('Of those, returned as 属地不符 or re-dispatched by a person'),
  accuracy: z.number().nullable().describe('派单准确率: (routed - wrong) / routed'),
});

const Accuracy = z.object({
  byRule: z.array(AccuracyRow),
  byPlace: z.array(AccuracyRow).describe('By the district the router matched'),
  byStation: z.array(AccuracyRow),
});

const AcceptAlias = z.object({
  code: z.string().min(2).max(20).describe('Division code of the place'),
  alias: z.string().min(2).max(40).describe('The name to read as that place from now on'),
});

const PAGE = 5000;

async function feedback(deps: AppDeps, scope?: string) {
  const events: OrderEvent[] = [];
  for (let after = 0; ;) {
    const page = await deps.store.readLog(after, PAGE);
    for (const { event } of page) events.push(event);
    if (page.length < PAGE) break;
    after = (page.at(-1) as { position: number }).position;
  }
  return foldRoutingFeedback(events, deps.places, { scope });
}

export function placeAliases(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/places/alias-suggestions',
      summary: 'Aliases taught by hand dispatches of triaged or returned orders',
      tags: ['Places'],
      roles: ['dispatcher', 'admin'],
      responses: { 200: json(z.object({ suggestions: z.array(Suggestion) }), 'Most taught first') },
    },
    async (c) => c.json({ suggestions: (await feedback(deps)).suggestions }, 200),
  );

  defineRoute(
    app,
    {
      method: 'post',
      path: '/v1/places/aliases',
      summary: 'Accept an alias into the gazetteer (routing reads it from the next order on)',
      tags: ['Places'],
      roles: ['admin'],
      request: {
        body: { required: true, content: { 'application/json': { schema: AcceptAlias } } },
      },
      responses: {
        200: json(
          z.object({
            code: z.string(),
            name: z.string(),
            aliases: z.array(z.string()),
            note: z.string(),
          }),
          'The place with its aliases now',
        ),
      },
    },
    async (c) => {
      const input = await jsonBody(c, AcceptAlias, deps.limits.bodyBytes);
      const place = await acceptAlias(deps, input, c.get('principal').id);
      if (!place)
        throw new HttpProblem(400, 'validation_failed', 'The request is not valid', undefined, [
          { path: 'code', message: `${input.code} is not a known division code` },
        ]);
      return c.json(
        {
          code: place.code,
          name: place.name,
          aliases: place.aliases,
          note: deps.aliases
            ? 'in effect now, and kept: routing reads it after a restart too'
            : 'in effect now; this gateway keeps no accepted aliases, add it to gazetteer.json to keep it after a restart',
        },
        200,
      );
    },
  );

  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/places/routing-accuracy',
      summary: '派单准确率 per rule, place and station',
      tags: ['Places'],
      roles: ['auditor', 'supervisor', 'admin'],
      responses: { 200: json(Accuracy, 'Rows with the most wrong routes first') },
    },
    // A scoped auditor counts only the orders under their district or street.
    async (c) => c.json((await feedback(deps, scopeOf(c.get('principal')))).accuracy, 200),
  );
}
