// Open311 GeoReport v2 POST requests.{json|xml} at the edge: the core's own key reading (api_key in the
// form, the query or a header), adapter, checks and text repair, the archived body without the key,
// then the signed hand-off; the core's 202 becomes the spec's answer ([{service_request_id, …}] and a
// Location), and any refusal the spec's error list, as the core's Open311 route answers.
import type { Hono } from 'hono';
import { open311Adapter } from '../../adapters/inbound/open311/adapter.js';
import { xmlList } from '../../adapters/inbound/open311/xml-out.js';
import type { EdgeHandoff } from '../../contracts/edge-handoff.js';
import { toBase64 } from '../../contracts/edge-handoff.js';
import { sentKey } from '../http/api-key.js';
import { requireRole } from '../http/auth.js';
import type { AppEnv } from '../http/deps.js';
import { prepareSubmission } from '../http/intake/receive.js';
import { open311Authenticate, readBodyOnce, withoutApiKey } from '../http/routes/open311/auth.js';
import { send } from '../http/routes/open311/respond.js';
import { repairSubmission } from '../usecases/submit-order.js';
import type { EdgeDeps } from './env.js';
import { handOff } from './forward.js';

export function edgeOpen311(app: Hono<AppEnv>, deps: EdgeDeps): void {
  for (const format of ['json', 'xml'] as const) {
    const path = `/open311/v2/requests.${format}`;
    app.use(path, open311Authenticate(deps));
    app.post(path, requireRole(['source']), async (c) => {
      const adapter = open311Adapter({
        services: deps.open311Services,
        receivedAt: deps.clock.now().toISOString(),
        // Fixed here, so the hand-off's retries are one order at the core (source, externalId).
        externalId: `o311-${crypto.randomUUID()}`,
      });
      const body = await readBodyOnce(c, deps.limits.bodyBytes);
      const prepared = await prepareSubmission(c, deps, adapter, { body, archive: withoutApiKey });
      repairSubmission(prepared.submission);
      const handoff: EdgeHandoff = {
        adapter: 'open311',
        contentType: prepared.contentType,
        ...(prepared.idempotencyKey !== undefined
          ? { idempotencyKey: prepared.idempotencyKey }
          : {}),
        submission: prepared.submission,
        quality: prepared.quality ?? [],
        raw: toBase64(prepared.rawBody),
      };
      const res = await handOff(deps.handoff, sentKey(c) ?? '', handoff, c.get('requestId'));
      if (res.status !== 202) return res; // the core's problem: the middleware makes it Open311 errors
      const { id } = (await res.json()) as { id: string };
      const rows = [{ service_request_id: id, service_notice: null, account_id: null }];
      c.header('location', `/open311/v2/requests/${id}.${format}`);
      c.header('x-handoff-attempts', res.headers.get('x-handoff-attempts') ?? '1');
      return send(c, format, rows, () => xmlList('service_requests', 'request', rows));
    });
  }
}
