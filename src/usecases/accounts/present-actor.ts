// Who did it, as each reader may see it: the dispatch centre and operators see the person's name, an
// auditor or supervisor a masked one (王*), a station the names of its own people only, a hotline
// platform no person at all (it is told what was done, not by whom).
import type { Actor } from '../../../contracts/events.js';
import { maskName } from '../../domain/text/phone.js';
import type { Principal } from '../principal.js';

export function presentActor(reader: Principal, actor: Actor): Actor {
  if (!actor.account) return actor;
  const { account: _person, ...withoutPerson } = actor;
  switch (reader.role) {
    case 'dispatcher':
    case 'admin':
      return actor;
    case 'auditor':
    case 'supervisor':
      return { ...actor, account: { ...actor.account, name: maskName(actor.account.name) } };
    case 'station':
      return actor.role === 'station' && actor.id === reader.id ? actor : withoutPerson;
    case 'source':
      return withoutPerson;
  }
}
