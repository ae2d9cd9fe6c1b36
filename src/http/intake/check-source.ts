// A hotline platform's key speaks for its own source only. A body naming another source (a Changsha
// order pushed with the Beijing key) is refused before anything is stored: storing it under the
// key's source would re-label it and route it in the wrong city.
import type { InboundResult } from '../../../adapters/inbound/inbound-adapter.js';
import type { Principal } from '../principal.js';
import { fieldError, HttpProblem } from '../problem.js';

export function checkClaimedSource(principal: Principal, claimed: InboundResult['source']): void {
  if (claimed === undefined || claimed.value === principal.id) return;
  const named =
    typeof claimed.value === 'string' ? `"${claimed.value.slice(0, 64)}"` : 'a non-string value';
  const error = fieldError(
    claimed.label,
    `names source ${named}, but this API key submits for ${principal.id} only; push it with that source's own key, or leave the field out`,
    `工单来源为 ${named}，但此密钥只能提交 ${principal.id} 的工单；请使用该平台自己的密钥推送，或不填此字段`,
  );
  throw new HttpProblem(
    403,
    'source_mismatch',
    'This key submits for its own source only',
    `${error.path}: ${error.message}`,
    [error],
  );
}
