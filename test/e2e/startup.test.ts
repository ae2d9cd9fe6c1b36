// Start-up refuses what would be unsafe or broken, with a message naming the problem.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../../src/entry/start-gateway.js';
import { exampleConfigDir } from '../support/test-gateway.js';

const base = { PORT: '0', LOG_LEVEL: 'silent' };

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'hg-start-'));
}

describe('start-up', () => {
  it('refuses to run in production with the published demo keys', async () => {
    const data = tempDir();
    await expect(
      startGateway({ ...base, GATEWAY_DATA_DIR: data, GATEWAY_ENV: 'production' }),
    ).rejects.toThrow(/demo key/);
    rmSync(data, { recursive: true, force: true });
  });

  it('names the environment variable that is wrong', async () => {
    await expect(startGateway({ ...base, PORT: 'eighty' })).rejects.toThrow(/PORT/);
    await expect(startGateway({ ...base, SQLITE_SYNC: 'sometimes' })).rejects.toThrow(
      /SQLITE_SYNC/,
    );
  });

  it('names the file and the problem when the station directory is inconsistent', async () => {
    const dir = tempDir();
    cpSync(exampleConfigDir, dir, { recursive: true });
    const stations = JSON.parse(readFileSync(join(dir, 'stations.json'), 'utf8')) as {
      stations: { covers: string[] }[];
    };
    stations.stations[1]?.covers.push(stations.stations[0]?.covers[0] ?? '');
    writeFileSync(join(dir, 'stations.json'), JSON.stringify(stations));
    await expect(
      startGateway({ ...base, GATEWAY_CONFIG_DIR: dir, GATEWAY_DATA_DIR: join(dir, 'data') }),
    ).rejects.toThrow(/both cover/);
    writeFileSync(join(dir, 'stations.json'), '{"stations": [{"id": "Bad Id", "name": "x"}]}');
    await expect(
      startGateway({ ...base, GATEWAY_CONFIG_DIR: dir, GATEWAY_DATA_DIR: join(dir, 'data') }),
    ).rejects.toThrow(/stations\.json[\s\S]*stations\.0\.id/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts on the example configuration and closes cleanly', async () => {
    const data = tempDir();
    const gw = await startGateway({ ...base, GATEWAY_DATA_DIR: data });
    const res = await fetch(`http://127.0.0.1:${gw.port}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok' });
    await gw.close();
    rmSync(data, { recursive: true, force: true });
  });
});
