// Authentication: an API key (Authorization: Bearer … or X-API-Key) maps to one principal; a person's
// session cookie maps to one too (src/usecases/accounts/sessions.ts).
// Keys are compared by SHA-256 hash so the configuration never holds a usable secret.
import type { PrincipalEntry } from '../../contracts/principals.js';
import { sha256Hex } from '../runtime/sha256.js';
import type { Principal } from '../usecases/principal.js';

export type { Principal } from '../usecases/principal.js';
export { sha256Hex } from '../runtime/sha256.js';

export class PrincipalDirectory {
  private readonly byHash = new Map<string, Principal>();
  private readonly names = new Map<string, string>();

  constructor(entries: readonly PrincipalEntry[]) {
    for (const e of entries) {
      if (e.name) this.names.set(e.id, e.name);
      for (const h of e.keyHashes)
        this.byHash.set(h.slice('sha256:'.length), {
          id: e.id,
          role: e.role,
          name: e.name ?? e.id,
          ...(e.scope ? { scope: e.scope } : {}),
        });
    }
  }

  /** A configured principal's display name (北京市12345市民服务热线 for bj-12345), if it has one. */
  nameOf(id: string): string | undefined {
    return this.names.get(id);
  }

  /** Recently seen keys, so the hash is not recomputed on every request of a busy platform. */
  private readonly recent = new Map<string, Principal>();

  async authenticate(key: string): Promise<Principal | undefined> {
    const known = this.recent.get(key);
    if (known) return known;
    const principal = this.byHash.get(await sha256Hex(key));
    // Only known keys are remembered: a flood of random keys must not grow memory.
    if (principal) {
      if (this.recent.size >= 10_000) this.recent.clear();
      this.recent.set(key, principal);
    }
    return principal;
  }
}
