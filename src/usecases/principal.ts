// Who is calling, as the use cases see it: a machine's API key or a person's session resolves to one
// principal (src/http/auth.ts does the resolving); the use cases decide what it may see and do.
import type { PrincipalRole } from '../../contracts/principals.js';

export interface Principal {
  id: string;
  role: PrincipalRole;
  name: string;
  /** An auditor limited to a district or street sees only what lies under this code. */
  scope?: string | undefined;
  /**
   * The person, when logged in with a personal account (src/usecases/accounts/). A station account
   * acts as its station (id = station id, role = station); events record the person as well.
   */
  account?: { id: string; name: string } | undefined;
}
