// Cloudflare Workers entry (wrangler.toml): the intake at the edge. Only wires bindings to the edge
// app (src/edge/app.ts), once per isolate; a misconfigured binding is a 500 problem naming it.
import { createEdgeApp } from '../edge/app.js';
import { EdgeConfigError, edgeDeps } from '../edge/env.js';
import { problemType } from '../http/problem.js';

type App = ReturnType<typeof createEdgeApp>;
let cached: { env: unknown; app: Promise<App> } | undefined;

export default {
  async fetch(request: Request, env: Record<string, unknown>): Promise<Response> {
    if (!cached || cached.env !== env) cached = { env, app: edgeDeps(env).then(createEdgeApp) };
    let app: App;
    try {
      app = await cached.app;
    } catch (err) {
      cached = undefined;
      const detail =
        err instanceof EdgeConfigError ? err.message : 'The edge intake could not start';
      return new Response(
        JSON.stringify({
          type: problemType('edge_misconfigured'),
          title: 'The edge intake is misconfigured',
          status: 500,
          code: 'edge_misconfigured',
          detail,
        }),
        { status: 500, headers: { 'content-type': 'application/problem+json; charset=utf-8' } },
      );
    }
    return app.fetch(request);
  },
};
