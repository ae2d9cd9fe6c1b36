// Standard Webhooks verification, checked against the specification's published test vector.
import { describe, expect, it } from 'vitest';
import { importSecret, secretBytes, sign, verify } from './standard-webhooks.js';

// Published vector of the Standard Webhooks reference libraries: standard-webhooks/standard-webhooks,
// libraries/javascript/src/webhook.test.ts ("sign function works"; the same values are used by the
// Python, Go, Rust ... test suites of that repository).
const vector = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const body = new TextEncoder().encode(vector.payload);
const headers = (signature = vector.signature, timestamp = String(vector.timestamp)) => ({
  id: vector.id,
  timestamp,
  signature,
});

describe('Standard Webhooks', () => {
  it('signs the published vector to the published signature', async () => {
    expect(await sign(await importSecret(vector.secret), vector.id, vector.timestamp, body)).toBe(
      vector.signature,
    );
  });

  it('verifies the published vector, with or without the whsec_ prefix', async () => {
    for (const secret of [vector.secret, vector.secret.slice('whsec_'.length)]) {
      expect(await verify(headers(), body, [await importSecret(secret)], vector.timestamp)).toEqual(
        { ok: true, id: vector.id, timestamp: vector.timestamp },
      );
    }
  });

  it('accepts any one valid signature among several (rotation), as the vector suite does', async () => {
    const key = await importSecret(vector.secret);
    const list = [
      'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
      'v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
      vector.signature,
    ].join(' ');
    expect((await verify(headers(list), body, [key], vector.timestamp)).ok).toBe(true);
    // ... and a signature made with the old secret while the new one is configured too.
    const other = await importSecret('whsec_' + btoa('another secret of 24 bytes'));
    expect((await verify(headers(), body, [other, key], vector.timestamp)).ok).toBe(true);
  });

  it.each([
    [
      'a changed body',
      headers(),
      new TextEncoder().encode('{"test": 2432232315}'),
      'no_matching_signature',
    ],
    ['a truncated signature', headers('v1,g0hM9SsE+OTP'), body, 'malformed_signature'],
    ['an empty v1 signature', headers('v1,'), body, 'malformed_signature'],
    [
      'only unknown versions',
      headers('v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='),
      body,
      'no_matching_signature',
    ],
    ['a timestamp that is not a number', headers(undefined, 'hello'), body, 'invalid_timestamp'],
  ])('refuses %s', async (_name, h, b, reason) => {
    expect(await verify(h, b, [await importSecret(vector.secret)], vector.timestamp)).toMatchObject(
      { ok: false, reason },
    );
  });

  it('refuses timestamps outside five minutes either way', async () => {
    const key = await importSecret(vector.secret);
    expect(await verify(headers(), body, [key], vector.timestamp + 301)).toMatchObject({
      ok: false,
      reason: 'timestamp_too_old',
    });
    expect(await verify(headers(), body, [key], vector.timestamp - 301)).toMatchObject({
      ok: false,
      reason: 'timestamp_too_new',
    });
    expect((await verify(headers(), body, [key], vector.timestamp + 300)).ok).toBe(true);
  });

  it('names each missing header', async () => {
    const key = await importSecret(vector.secret);
    expect(
      await verify(
        { id: vector.id, timestamp: undefined, signature: undefined },
        body,
        [key],
        vector.timestamp,
      ),
    ).toEqual({
      ok: false,
      reason: 'missing_headers',
      missing: ['webhook-timestamp', 'webhook-signature'],
    });
  });

  it('refuses secrets that are not base64 or too short to be safe', () => {
    expect(() => secretBytes('whsec_not base64!')).toThrow(/base64/);
    expect(() => secretBytes('whsec_' + btoa('short'))).toThrow(/16 bytes/);
  });
});
