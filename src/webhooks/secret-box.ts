// Envelope encryption for secrets kept at rest (outbound webhook signing secrets). Each secret gets its
// own random 256-bit data key; the secret is sealed with AES-256-GCM under that data key (bound to
// the record it belongs to as associated data, so a sealed value cannot be moved to another record),
// and the data key is wrapped with AES-256-GCM under a key-encryption key (KEK) from the environment.
// The first KEK of the ring wraps; every KEK of the ring unwraps, so rotation is: add the new key
// first everywhere, run `npm run secrets:rewrap` (re-wraps data keys only), then drop the old key.
// Stored form: "sb1.<kid>.<wrapped data key>.<sealed secret>", each part base64url of iv|ciphertext|tag.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface KeyEncryptionKey {
  /** Names the key in stored values; letters, digits, '_' and '-'. */
  kid: string;
  key: Buffer;
}

export class SecretBoxError extends Error {}

const prefix = 'sb1';

function encrypt(key: Buffer, plain: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, body, c.getAuthTag()]).toString('base64url');
}

function decrypt(key: Buffer, sealed: string, aad: string): Buffer {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 12 + 16) throw new SecretBoxError('sealed value too short');
  const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]);
}

export class SecretBox {
  private readonly byKid: ReadonlyMap<string, Buffer>;

  constructor(private readonly ring: readonly KeyEncryptionKey[]) {
    if (ring.length === 0) throw new SecretBoxError('a key ring needs at least one key');
    this.byKid = new Map(ring.map((k) => [k.kid, k.key]));
  }

  /** The key id new values are wrapped with. */
  get currentKid(): string {
    return this.ring[0]?.kid ?? '';
  }

  static isSealed(value: string): boolean {
    return value.startsWith(`${prefix}.`);
  }

  /** Seals a secret for the record `context` (e.g. a subscription id). */
  seal(plain: string, context: string): string {
    const head = this.ring[0];
    if (!head) throw new SecretBoxError('no key');
    const dataKey = randomBytes(32);
    const wrapped = encrypt(head.key, dataKey, `${prefix}.${head.kid}`);
    const body = encrypt(dataKey, Buffer.from(plain, 'utf8'), context);
    return [prefix, head.kid, wrapped, body].join('.');
  }

  /** Opens a sealed value; throws when no key of the ring wrapped it or it was tampered with. */
  open(sealed: string, context: string): string {
    return decrypt(this.unwrap(sealed).dataKey, this.parts(sealed).body, context).toString('utf8');
  }

  /** The same sealed secret with its data key wrapped under the current key (the secret is not re-encrypted). */
  rewrap(sealed: string): string {
    const { kid, dataKey } = this.unwrap(sealed);
    const head = this.ring[0];
    if (!head || kid === head.kid) return sealed;
    return [
      prefix,
      head.kid,
      encrypt(head.key, dataKey, `${prefix}.${head.kid}`),
      this.parts(sealed).body,
    ].join('.');
  }

  /** The key id a sealed value's data key is wrapped with. */
  kidOf(sealed: string): string {
    return this.parts(sealed).kid;
  }

  private parts(sealed: string) {
    const [p, kid, wrapped, body, ...rest] = sealed.split('.');
    if (p !== prefix || !kid || !wrapped || !body || rest.length > 0)
      throw new SecretBoxError('not a sealed value');
    return { kid, wrapped, body };
  }

  private unwrap(sealed: string): { kid: string; dataKey: Buffer } {
    const { kid, wrapped } = this.parts(sealed);
    const kek = this.byKid.get(kid);
    if (!kek)
      throw new SecretBoxError(`sealed with key "${kid}", which GATEWAY_SECRET_KEYS does not hold`);
    try {
      return { kid, dataKey: decrypt(kek, wrapped, `${prefix}.${kid}`) };
    } catch {
      throw new SecretBoxError(`key "${kid}" does not open this value (wrong key or tampered)`);
    }
  }
}
