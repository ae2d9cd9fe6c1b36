// Helpers for the intake suites: fixture payloads read as bytes, raw POSTs with any content type,
// and a gateway whose sources have the example configuration's webhook secrets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveWebhookSecrets } from '../../src/config/webhook-secrets.js';
import type { AppDeps } from '../../src/http/deps.js';
import type { IntakeOptions } from '../../src/http/intake/options.js';
import { createTestGateway, exampleConfigDir, root } from './test-gateway.js';
import { loadConfigFiles } from '../../src/config/load-files.js';

export type Gateway = ReturnType<typeof createTestGateway>;

export function inboundFixture(
  adapter: 'canonical' | 'cn-12345' | 'open311',
  file: string,
): Uint8Array {
  return new Uint8Array(readFileSync(join(root, 'test/fixtures/inbound', adapter, file)));
}

export function postBytes(
  gw: Gateway,
  path: string,
  key: string | undefined,
  body: Uint8Array | string,
  contentType: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    gw.app.request(path, {
      method: 'POST',
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        'content-type': contentType,
        ...headers,
      },
      body: typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>),
    }),
  );
}

/** A test gateway with intake options; webhook secrets come from the example principals.json. */
export async function createIntakeGateway(
  intake: Partial<IntakeOptions> = {},
  overrides: Partial<AppDeps> = {},
): Promise<Gateway> {
  const files = loadConfigFiles(exampleConfigDir);
  const webhooks = await resolveWebhookSecrets(files.principals.principals, {});
  return createTestGateway({ intake: { webhooks, ...intake }, ...overrides });
}

export interface AcceptedBody {
  id: string;
  status: 'created' | 'existing';
  state: string;
  location: string;
  quality?: { flag: string; field: string; detail?: string }[];
}
