// The SSRF guard's address classes: private, loopback, link-local, CGNAT, reserved and their IPv6
// forms (including IPv4 inside IPv6) are refused; public addresses pass.
import { describe, expect, it } from 'vitest';
import { isNonPublicAddress } from './address-policy.js';

describe('webhook address policy', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '[::1]',
    'not-an-ip',
  ])('refuses %s', (a) => expect(isNonPublicAddress(a)).toBe(true));

  it.each([
    '1.1.1.1',
    '8.8.8.8',
    '172.32.0.1',
    '192.169.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
  ])('allows %s', (a) => expect(isNonPublicAddress(a)).toBe(false));
});
