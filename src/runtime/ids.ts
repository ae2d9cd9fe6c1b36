// Gateway ids: time-ordered (so logs and lists sort by arrival) and random enough to be unguessable.
// Web Crypto only, so the same code runs on Workers.

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newOrderId(now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const rand = crypto.getRandomValues(new Uint8Array(10));
  return `ord_${time}${[...rand].map((b) => ALPHABET[b % 32]).join('')}`;
}
