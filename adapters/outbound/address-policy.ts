// SSRF guard for outbound webhooks: which IP addresses a subscriber URL may reach. Refused unless the
// operator allows private targets (WEBHOOKS_ALLOW_PRIVATE, for on-premises hotline platforms and
// tests): IPv4 private, loopback, link-local, shared (CGNAT), multicast, documentation and reserved
// ranges; and in IPv6 everything outside global unicast (2000::/3), which takes in loopback,
// IPv4-compatible (::a.b.c.d), SIIT (::ffff:0:a.b.c.d), local-use NAT64 (64:ff9b:1::/48), site-local
// (fec0::/10), unique-local, link-local and multicast, plus the tunnelling and documentation ranges
// inside 2000::/3. Only IPv4-mapped (::ffff:a.b.c.d) and well-known NAT64 (64:ff9b::/96) addresses are
// judged by the IPv4 address inside them, since that is the host they reach. The address is read into
// its 16 bytes first, so no spelling of it (zeros, dotted tails, hex) can slip past a pattern.
import { BlockList, isIP } from 'node:net';

const blockedV4 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blockedV4.addSubnet(net, prefix, 'ipv4');

/** Non-public ranges inside global unicast 2000::/3 (the rest of IPv6 is refused as a whole). */
const blockedV6 = new BlockList();
for (const [net, prefix] of [
  ['2001::', 23], // IETF protocol assignments, Teredo (2001::/32) among them
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: an IPv4 address of any kind inside
  ['3fff::', 20], // documentation (RFC 9637)
] as const)
  blockedV6.addSubnet(net, prefix, 'ipv6');

/** The 16 bytes of an IPv6 address (already checked by isIP), dotted IPv4 tail included. */
function ipv6Bytes(address: string): number[] {
  let text = address.toLowerCase();
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::') as [string, string | undefined];
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const words = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return words.flatMap((w) => [w >> 8, w & 255]);
}

const startsWith = (bytes: number[], prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
const v4Of = (b: number[]) => b.slice(12).join('.');

function isNonPublicV6(address: string): boolean {
  const b = ipv6Bytes(address);
  // IPv4-mapped ::ffff:a.b.c.d: the socket reaches a.b.c.d itself.
  if (startsWith(b, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]))
    return blockedV4.check(v4Of(b), 'ipv4');
  // Well-known NAT64 64:ff9b::a.b.c.d: the translator reaches a.b.c.d.
  if (startsWith(b, [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]))
    return blockedV4.check(v4Of(b), 'ipv4');
  // Outside global unicast 2000::/3 nothing is public.
  if (((b[0] ?? 0) & 0xe0) !== 0x20) return true;
  return blockedV6.check(address, 'ipv6');
}

/** True when `address` (an IP literal) is one a webhook may not reach by default. */
export function isNonPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').split('%')[0] ?? '';
  const family = isIP(bare);
  if (family === 0) return true; // not an address at all: refuse rather than guess
  return family === 6 ? isNonPublicV6(bare) : blockedV4.check(bare, 'ipv4');
}
