// Runs the WebhookSender contract on the undici sender and on the same sender with its telemetry
// wrapper (spans and counters must not change an answer). Loopback receivers need allowPrivate; the
// refusal of private addresses has its own tests (test/e2e/ssrf-forms.test.ts).
import { UndiciWebhookSender } from '../../adapters/outbound/undici-webhook-sender.js';
import { instrumentSender } from '../../src/telemetry/instrument-outbound.js';
import { describeWebhookSenderContract } from './webhook-sender.contract.js';

describeWebhookSenderContract(
  'undici',
  ({ timeoutMs }) => new UndiciWebhookSender({ allowPrivate: true, timeoutMs }),
);
describeWebhookSenderContract('undici with telemetry', ({ timeoutMs }) =>
  instrumentSender(new UndiciWebhookSender({ allowPrivate: true, timeoutMs })),
);
