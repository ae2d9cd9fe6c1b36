// The 202 every intake route answers with: the gateway id, created or existing, the state, where to
// read it, and the quality flags so the sender learns at once what was repaired.
import type { Context } from 'hono';
import type { SubmitResult } from '../../usecases/submit-order.js';
import type { AppEnv } from '../deps.js';

export function accepted(c: Context<AppEnv>, { status, view }: SubmitResult): Response {
  const location = `/v1/orders/${view.id}`;
  const quality = view.order.quality;
  c.get('log').info(
    {
      orderId: view.id,
      status,
      state: view.state,
      stationId: view.station?.id,
      qualityFlags: quality?.map((q) => q.flag),
    },
    'order intake',
  );
  return c.json(
    {
      id: view.id,
      status,
      state: view.state,
      location,
      ...(view.duplicateOf !== undefined ? { duplicateOf: view.duplicateOf } : {}),
      ...(quality ? { quality } : {}),
    },
    202,
    { Location: location },
  );
}
