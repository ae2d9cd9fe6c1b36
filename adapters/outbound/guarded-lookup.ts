// A DNS lookup for outbound sockets that resolves every address of the host and refuses the
// connection when any of them is non-public (unless allowed). It runs inside the connect, so the
// address checked is the address used: no window for DNS rebinding between check and connect.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isNonPublicAddress } from './address-policy.js';

export class RefusedAddressError extends Error {
  readonly code = 'ERR_WEBHOOK_ADDRESS_REFUSED';
}

export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(
      hostname,
      { all: true, family: options.family ?? 0, hints: options.hints ?? 0 },
      (err, addresses: LookupAddress[]) => {
        if (err) return callback(err, '', 0);
        const refused = allowPrivate ? [] : addresses.filter((a) => isNonPublicAddress(a.address));
        if (addresses.length === 0 || refused.length > 0) {
          return callback(
            new RefusedAddressError(
              `${hostname} resolves to a private or reserved address (${refused.map((a) => a.address).join(', ') || 'none'})`,
            ),
            '',
            0,
          );
        }
        if (options.all)
          return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        const first = addresses[0] as LookupAddress;
        callback(null, first.address, first.family);
      },
    );
  };
}

/** Checks a URL's host without connecting: an IP literal directly, a name by resolving it. */
export async function urlAddressRefusal(
  url: URL,
  allowPrivate: boolean,
): Promise<string | undefined> {
  if (allowPrivate) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const lookup = guardedLookup(false);
  return new Promise((resolve) => {
    lookup(host, { all: true }, (err) => {
      if (err instanceof RefusedAddressError) resolve(err.message);
      else resolve(undefined); // unresolvable now: checked again, on every attempt, at connect time
    });
  });
}
