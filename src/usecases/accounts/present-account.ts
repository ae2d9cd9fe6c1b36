// An account as the rest of the gateway sees it: the principal it acts as (a station account acts as
// its station, so every station route works for the person unchanged), its public view, its home page.
import type { AccountView, HomePage, SessionAccount } from '../../../contracts/accounts.js';
import { fullPlaceName } from '../../domain/places/full-name.js';
import type { PlaceIndex } from '../../domain/routing/place-index.js';
import type { Principal } from '../principal.js';
import type { StoredAccount } from '../../ports/account-store.js';

export function principalOf(a: StoredAccount, places: PlaceIndex): Principal {
  const account = { id: a.id, name: a.name };
  if (a.role === 'station') {
    const stationId = a.stationId ?? '';
    return {
      id: stationId,
      role: 'station',
      name: places.station(stationId)?.name ?? stationId,
      account,
    };
  }
  return { id: a.id, role: a.role, name: a.name, ...(a.scope ? { scope: a.scope } : {}), account };
}

export function sessionAccount(a: StoredAccount, places: PlaceIndex): SessionAccount {
  const stationName = a.stationId ? places.station(a.stationId)?.name : undefined;
  const scopeName = a.scope ? fullPlaceName(places.lineage(a.scope)) : undefined;
  return {
    id: a.id,
    name: a.name,
    role: a.role,
    ...(a.stationId ? { stationId: a.stationId } : {}),
    ...(stationName ? { stationName } : {}),
    ...(a.scope ? { scope: a.scope } : {}),
    ...(scopeName ? { scopeName } : {}),
  };
}

export function accountView(a: StoredAccount, places: PlaceIndex): AccountView {
  return {
    ...sessionAccount(a, places),
    disabled: a.disabled,
    demo: a.demo,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

const homes: Record<StoredAccount['role'], HomePage> = {
  station: '/station',
  dispatcher: '/dispatch',
  auditor: '/audit',
  supervisor: '/supervision',
  admin: '/admin',
};
export const homeOf = (a: StoredAccount): HomePage => homes[a.role];
