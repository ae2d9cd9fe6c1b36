// The key-encryption keys for secrets at rest (src/webhooks/secret-box.ts), from GATEWAY_SECRET_KEYS:
// "kid2:<base64 32 bytes>,kid1:<base64 32 bytes>" — the first wraps new data keys, all unwrap. In
// production a missing variable stops the gateway; in development a key is generated once into the
// data directory (so a restart can still read what it sealed), with a warning, because then the data
// directory alone does reveal the secrets.
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SecretBox, type KeyEncryptionKey } from '../webhooks/secret-box.js';

export class SecretKeysError extends Error {}

export const devKeyFile = 'dev-secret-key';
const kidPattern = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses "kid:base64,kid:base64"; errors name the variable and the entry, never a key. */
export function parseSecretKeys(value: string): KeyEncryptionKey[] {
  const ring: KeyEncryptionKey[] = [];
  const entries = value.split(',').map((e) => e.trim());
  entries.forEach((entry, i) => {
    const at = entry.indexOf(':');
    const kid = at < 0 ? '' : entry.slice(0, at);
    const b64 = at < 0 ? '' : entry.slice(at + 1);
    if (!kidPattern.test(kid))
      throw new SecretKeysError(
        `GATEWAY_SECRET_KEYS entry ${i + 1}: expected kid:base64key, the kid of letters, digits, _ or -`,
      );
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32 || !/^[A-Za-z0-9+/]+=*$/.test(b64))
      throw new SecretKeysError(
        `GATEWAY_SECRET_KEYS entry ${i + 1} (${kid}): the key must be 32 bytes in base64 (openssl rand -base64 32)`,
      );
    if (ring.some((k) => k.kid === kid))
      throw new SecretKeysError(`GATEWAY_SECRET_KEYS: kid ${kid} appears twice`);
    ring.push({ kid, key });
  });
  return ring;
}

export interface SecretKeysResult {
  box: SecretBox;
  /** Set when a development key from the data directory is in use. */
  warning?: string;
}

export function loadSecretKeys(
  source: Record<string, string | undefined>,
  gatewayEnv: 'development' | 'production',
  dataDir: string,
): SecretKeysResult {
  const value = source.GATEWAY_SECRET_KEYS;
  if (value !== undefined && value.trim() !== '')
    return { box: new SecretBox(parseSecretKeys(value)) };
  if (gatewayEnv === 'production')
    throw new SecretKeysError(
      'GATEWAY_SECRET_KEYS is not set: production keeps webhook secrets encrypted under a key from the environment (kid:base64 of 32 random bytes)',
    );
  const file = join(dataDir, devKeyFile);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // Written whole under another name, then linked into place: a second process starting at the
    // same moment (cluster mode, one data directory) never reads a half-written key file.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, `dev:${randomBytes(32).toString('base64')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    try {
      linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process made it
    } finally {
      unlinkSync(draft);
    }
  }
  return {
    box: new SecretBox(parseSecretKeys(readFileSync(file, 'utf8').trim())),
    warning: `GATEWAY_SECRET_KEYS is not set: webhook secrets are encrypted under a development key kept in ${file}, beside the data (set GATEWAY_SECRET_KEYS in production)`,
  };
}
