// createApp(deps): the whole HTTP surface. Entry points (Node, Workers, tests) only wire deps.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from './deps.js';
import { authenticate } from './auth.js';
import { ProblemError } from '../../contracts/problem.js';
import { HttpProblem, problemResponse } from './problem.js';
import { docs } from './routes/docs.js';
import { metricsEndpoint } from './routes/metrics-endpoint.js';
import { requestId } from 'hono/request-id';
import { activeTraceId, httpTelemetry, requestIdOptions } from '../telemetry/http-telemetry.js';
import { me } from './routes/me.js';
import { notFoundHtml, pages, wantsPage } from './routes/pages.js';
import { metricsExport } from './routes/metrics/export.js';
import { metricsDashboard } from './routes/metrics/dashboard.js';
import { placeAliases } from './routes/places/aliases.js';
import { metricsFigures } from './routes/metrics/figures.js';
import { metricsLists } from './routes/metrics/lists.js';
import { health } from './routes/health.js';
import { orderActions } from './routes/orders/actions/index.js';
import { getOrder } from './routes/orders/get.js';
import { listOrders } from './routes/orders/list.js';
import { postOrder } from './routes/orders/post.js';
import { cn12345Intake } from './routes/intake/cn-12345.js';
import { edgeHandoffIntake } from './routes/intake/edge.js';
import { open311Authenticate } from './routes/open311/auth.js';
import { open311Requests } from './routes/open311/requests.js';
import { open311Services } from './routes/open311/services.js';
import { stationOrders } from './routes/stations/orders.js';
import { stationReturns } from './routes/stations/returns.js';
import { deliveryRoutes } from './routes/webhooks/deliveries.js';
import { subscriptionRoutes } from './routes/webhooks/subscriptions.js';
import { sessionRoutes } from './routes/session/session.js';
import { adminAccountRoutes } from './routes/admin/accounts.js';
import { dispatchQueues } from './routes/dispatch/queues.js';
import { supervisionRoutes } from './routes/supervision/queue.js';
import { linkDuplicate } from './routes/orders/link-duplicate.js';
import { unlinkDuplicate } from './routes/orders/unlink-duplicate.js';

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();

  // A server span per request (src/telemetry): the request id is its trace id unless one is given.
  app.use('*', httpTelemetry());
  app.use('*', requestId(requestIdOptions));
  app.use('*', async (c, next) => {
    const id = c.get('requestId');
    const traceId = activeTraceId();
    c.set('log', deps.logger.child(traceId ? { requestId: id, traceId } : { requestId: id }));
    const started = performance.now();
    await next();
    const principal = c.get('principal') as AppEnv['Variables']['principal'] | undefined;
    c.get('log').info(
      {
        method: c.req.method,
        path: new URL(c.req.url).pathname,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        principal: principal?.id,
      },
      'request',
    );
  });
  app.use('/v1/*', authenticate(deps));
  app.use('/open311/*', open311Authenticate(deps));

  app.onError((err, c) => {
    const expected = ['DomainError', 'AccountError'];
    if (!(err instanceof ProblemError) && !(err instanceof Error && expected.includes(err.name))) {
      c.get('log').error({ err }, 'unhandled error');
    }
    const res = problemResponse(c, err);
    return res;
  });
  app.notFound((c) =>
    wantsPage(c)
      ? notFoundHtml(c)
      : problemResponse(
          c,
          new HttpProblem(
            404,
            'route_not_found',
            'No such route',
            `${c.req.method} ${new URL(c.req.url).pathname} is not a route of this gateway`,
          ),
        ),
  );

  health(app, deps);
  postOrder(app, deps);
  cn12345Intake(app, deps);
  edgeHandoffIntake(app, deps);
  open311Services(app, deps);
  open311Requests(app, deps);
  listOrders(app, deps);
  getOrder(app, deps);
  orderActions(app, deps);
  stationOrders(app, deps);
  stationReturns(app, deps);
  metricsFigures(app, deps);
  metricsLists(app, deps);
  metricsExport(app, deps);
  metricsDashboard(app, deps);
  placeAliases(app, deps);
  subscriptionRoutes(app, deps);
  deliveryRoutes(app, deps);
  me(app);
  sessionRoutes(app, deps);
  adminAccountRoutes(app, deps);
  dispatchQueues(app, deps);
  supervisionRoutes(app, deps);
  linkDuplicate(app, deps);
  unlinkDuplicate(app, deps);
  pages(app);
  docs(app);
  metricsEndpoint(app, deps);
  return app;
}
