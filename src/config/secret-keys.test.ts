// The key ring for secrets at rest: parsed from GATEWAY_SECRET_KEYS with errors that name the entry
// and never a key; refused missing in production; a development key kept in the data directory.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { devKeyFile, loadSecretKeys, parseSecretKeys, SecretKeysError } from './secret-keys.js';
import { SecretBox } from '../webhooks/secret-box.js';

const dir = mkdtempSync(join(tmpdir(), 'hg-secret-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = (n: number) => Buffer.alloc(32, n).toString('base64');

describe('GATEWAY_SECRET_KEYS', () => {
  it('refuses to run in production without it', () => {
    expect(() => loadSecretKeys({}, 'production', dir)).toThrow(/GATEWAY_SECRET_KEYS is not set/);
  });

  it('names the bad entry, never the key', () => {
    const bad = Buffer.alloc(16, 9).toString('base64');
    let message = '';
    try {
      parseSecretKeys(`a:${key(1)},b:${bad}`);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/entry 2 \(b\): the key must be 32 bytes/);
    expect(message).not.toContain(bad);
    expect(() => parseSecretKeys(`a:${key(1)},a:${key(2)}`)).toThrow(SecretKeysError);
    expect(() => parseSecretKeys(`no key here`)).toThrow(/entry 1/);
  });

  it('in development keeps one generated key in the data directory, readable by its owner only', () => {
    const first = loadSecretKeys({}, 'development', dir);
    expect(first.warning).toMatch(/development key/);
    const file = join(dir, devKeyFile);
    expect(statSync(file).mode & 0o077).toBe(0);
    const sealed = first.box.seal('whsec_x', 'sub_1');
    const again = loadSecretKeys({}, 'development', dir);
    expect(again.box.open(sealed, 'sub_1')).toBe('whsec_x');
    expect(readFileSync(file, 'utf8')).toMatch(/^dev:/);
  });
});

describe('SecretBox', () => {
  const old = { kid: 'old', key: Buffer.alloc(32, 1) };
  const next = { kid: 'new', key: Buffer.alloc(32, 2) };

  it('opens with any key of the ring, rewraps under the first, and binds a value to its record', () => {
    const sealed = new SecretBox([old]).seal('whsec_abc', 'sub_1');
    expect(sealed).not.toContain('whsec_abc');
    const ring = new SecretBox([next, old]);
    expect(ring.open(sealed, 'sub_1')).toBe('whsec_abc');
    const moved = ring.rewrap(sealed);
    expect(ring.kidOf(moved)).toBe('new');
    expect(new SecretBox([next]).open(moved, 'sub_1')).toBe('whsec_abc');
    expect(() => new SecretBox([next]).open(sealed, 'sub_1')).toThrow(/key "old"/);
    expect(() => ring.open(sealed, 'sub_2')).toThrow();
    const tampered = sealed.slice(0, -3) + (sealed.endsWith('AAA') ? 'BBB' : 'AAA');
    expect(() => ring.open(tampered, 'sub_1')).toThrow();
  });
});
