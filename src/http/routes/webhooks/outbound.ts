// The outbound options a webhook route needs, or a 503 problem when this gateway runs without them.
import type { AppDeps } from '../../deps.js';
import { HttpProblem } from '../../problem.js';
import type { OutboundOptions } from '../../../usecases/subscriptions.js';

export function requireOutbound(deps: AppDeps): OutboundOptions {
  if (!deps.outbound)
    throw new HttpProblem(
      503,
      'webhooks_disabled',
      'Status webhooks are not enabled',
      'This gateway runs without outbound webhooks',
    );
  return deps.outbound;
}
