// The public language of the gateway: import these to produce or consume its messages.
export * from './order.js';
export * from './places.js';
export * from './routing.js';
export * from './actions.js';
export * from './events.js';
export * from './views.js';
export * from './problem.js';
export * from './principals.js';
export * from './sla.js';
export * from './quality.js';
export * from './metrics.js';
export * from './accounts.js';
export * from './dispatch.js';
export * from './free-form.js';
export * from './labels.zh-CN.js';
export * from './webhooks.js';
