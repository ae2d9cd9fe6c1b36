// npm run openapi: prints the OpenAPI document a gateway serves at /openapi.json (for linters,
// client generators and reviews). Starts a gateway on the environment's configuration (the example
// by default) with a throw-away data directory, on a free port, and stops it again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway } from './start-gateway.js';

const dir = mkdtempSync(join(tmpdir(), 'hg-openapi-'));
const gateway = await startGateway({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  GATEWAY_DATA_DIR: dir,
});
try {
  const res = await fetch(`http://127.0.0.1:${gateway.port}/openapi.json`);
  process.stdout.write(`${JSON.stringify(await res.json(), null, 2)}\n`);
} finally {
  await gateway.close();
  rmSync(dir, { recursive: true, force: true });
}
