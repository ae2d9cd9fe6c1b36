// The routes the auditors' dashboard (/audit) needs beyond figures, rankings, lists and exports: the
// periods to pick from, a month-by-month trend, and the orders behind a figure.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../deps.js';
import { metricsOrders } from './orders.js';
import { metricsPeriods } from './periods.js';
import { metricsTrend } from './trend.js';

export function metricsDashboard(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  metricsPeriods(app, deps);
  metricsTrend(app, deps);
  metricsOrders(app, deps);
}
