// Every POST /v1/orders/{id}/<action>, one file each (named for its path); define-action.ts holds
// what they share. Stations act on their orders, dispatchers route and review, hotlines record the
// callback survey and reopen.
import type { OrderActionRoute } from './define-action.js';
import { accept } from './accept.js';
import { contact } from './contact.js';
import { start } from './start.js';
import { supervise } from './supervise.js';
import { urge } from './urge.js';
import { resolve } from './resolve.js';
import { returnOrder } from './return.js';
import { extensionRequests } from './extension-requests.js';
import { pause } from './pause.js';
import { resume } from './resume.js';
import { callback } from './callback.js';
import { reopen } from './reopen.js';
import { extensionDecision } from './extension-decision.js';
import { dispatch } from './dispatch.js';
import { returnDecision } from './return-decision.js';
import { requestAssist } from './assists.js';
import { removeAssist } from './assists-remove.js';
import { closeAssists } from './assists-close.js';
import { acceptAssist } from './assist-accept.js';
import { reportAssist } from './assist-report.js';

const actions: readonly OrderActionRoute[] = [
  accept,
  contact,
  start,
  resolve,
  returnOrder,
  extensionRequests,
  pause,
  resume,
  callback,
  reopen,
  extensionDecision,
  dispatch,
  returnDecision,
  urge,
  supervise,
  requestAssist,
  removeAssist,
  closeAssists,
  acceptAssist,
  reportAssist,
];

export const orderActions: OrderActionRoute = (app, deps) => {
  for (const register of actions) register(app, deps);
};
