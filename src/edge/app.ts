// The Workers intake as a Hono app: the same auth, media-type, signature, charset, adapter and
// contract checks as the core's intake (src/http/intake/receive.ts) and the same text repair
// (submit-order's repairSubmission), then the signed hand-off; the canonical JSON, 12345 exports and
// Open311 requests. Nothing here touches node:*.
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { canonicalAdapter } from '../../adapters/inbound/canonical/adapter.js';
import { cn12345Adapter } from '../../adapters/inbound/cn-12345/adapter.js';
import type { InboundAdapter } from '../../adapters/inbound/inbound-adapter.js';
import { sentKey } from '../http/api-key.js';
import { authenticate, requireRole } from '../http/auth.js';
import type { AppEnv } from '../http/deps.js';
import { prepareSubmission } from '../http/intake/receive.js';
import { HttpProblem, problemResponse } from '../http/problem.js';
import { repairSubmission } from '../usecases/submit-order.js';
import type { EdgeDeps } from './env.js';
import { handOff } from './forward.js';
import { edgeOpen311 } from './open311.js';
import { toBase64, type EdgeHandoff } from '../../contracts/edge-handoff.js';

const intakes: [path: string, adapter: InboundAdapter, name: EdgeHandoff['adapter']][] = [
  ['/v1/orders', canonicalAdapter, 'canonical'],
  ['/v1/intake/cn-12345', cn12345Adapter, 'cn-12345'],
];

export function createEdgeApp(deps: EdgeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Hono's request-id middleware, as in the gateway: a caller's id up to 64 characters, else a UUID.
  app.use('*', requestId({ limitLength: 64 }));
  app.use('/v1/*', authenticate(deps));
  app.onError((err, c) => problemResponse(c, err));
  app.notFound((c) =>
    problemResponse(
      c,
      new HttpProblem(
        404,
        'route_not_found',
        'No such route',
        `${c.req.method} ${new URL(c.req.url).pathname} is not a route of the edge intake`,
      ),
    ),
  );
  app.get('/healthz', (c) => c.json({ status: 'ok', role: 'edge-intake' }));
  // Open311 clients send api_key in the form or the query and read the spec's errors (src/edge/open311.ts).
  edgeOpen311(app, deps);

  for (const [path, adapter, name] of intakes) {
    app.post(path, requireRole(['source']), async (c) => {
      const prepared = await prepareSubmission(c, deps, adapter);
      repairSubmission(prepared.submission); // what the core would refuse is refused here, before any 202
      const handoff: EdgeHandoff = {
        adapter: name,
        contentType: prepared.contentType,
        ...(prepared.idempotencyKey !== undefined
          ? { idempotencyKey: prepared.idempotencyKey }
          : {}),
        submission: prepared.submission,
        quality: prepared.quality ?? [],
        raw: toBase64(prepared.rawBody),
      };
      return handOff(deps.handoff, sentKey(c) ?? '', handoff, c.get('requestId'));
    });
  }
  return app;
}
