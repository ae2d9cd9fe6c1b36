// POST /v1/orders/{id}/resolve: 办结 (resolve): the result (办理结果) and the reply for the citizen
// (回复内容); stops the 办结 clock and starts 回访.
import { ResolveAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const resolve = defineOrderAction({
  path: 'resolve',
  summary: '办结: resolved, with the result',
  roles: ['station'],
  body: ResolveAction,
  command: (i) => ({ kind: 'resolve', input: i }),
});
