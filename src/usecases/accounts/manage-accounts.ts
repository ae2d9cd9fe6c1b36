// What operators do with accounts (admin API and `npm run accounts`): create, list, disable, enable,
// reset a password. Disabling an account or resetting its password ends all its sessions.
import type {
  AccountView,
  AccountWithPassword,
  CreateAccountRequest,
} from '../../../contracts/accounts.js';
import { DomainError } from '../../domain/errors.js';
import { AccountError } from './errors.js';
import { generatePassword, hashPassword } from './password.js';
import { failureKey, type AccountsDeps } from './policy.js';
import { accountView } from './present-account.js';

const invalid = (path: string, message: string, zh: string) =>
  new DomainError('validation_failed', `${path}: ${message}`, { zh, errors: [{ path, message }] });

/** The account's shape must fit its role: a station account names a known station, and so on. */
function checkShape(deps: AccountsDeps, input: CreateAccountRequest): void {
  if (input.role === 'station') {
    if (!input.stationId)
      throw invalid('stationId', 'required for a station account', '工作站账号须指定所属工作站。');
    if (!deps.places.station(input.stationId))
      throw invalid(
        'stationId',
        `no station ${input.stationId}`,
        `目录中没有此工作站：${input.stationId}`,
      );
  } else if (input.stationId !== undefined) {
    throw invalid(
      'stationId',
      'only station accounts belong to a station',
      '只有工作站账号才能指定所属工作站。',
    );
  }
  if (input.role === 'supervisor' && !input.scope)
    throw invalid(
      'scope',
      'required for a supervisor (a district or street code)',
      '督办员账号须指定管辖范围（区或街道编码）。',
    );
  if (input.scope !== undefined && input.role !== 'auditor' && input.role !== 'supervisor')
    throw invalid(
      'scope',
      'only auditors and supervisors have a scope',
      '只有审计员和督办员账号才有管辖范围。',
    );
}

export async function createAccount(
  deps: AccountsDeps,
  input: CreateAccountRequest,
): Promise<AccountWithPassword> {
  await deps.accounts.ready;
  checkShape(deps, input);
  const password = input.password ?? generatePassword();
  const at = deps.clock.now().toISOString();
  const stored = {
    id: input.id,
    name: input.name,
    role: input.role,
    ...(input.stationId ? { stationId: input.stationId } : {}),
    ...(input.scope ? { scope: input.scope } : {}),
    passwordHash: await hashPassword(password, deps.accounts.cost),
    disabled: false,
    demo: false,
    createdAt: at,
    updatedAt: at,
  };
  if (!(await deps.accounts.store.createAccount(stored)))
    throw new AccountError('account_exists', `An account ${input.id} exists already`);
  return {
    account: accountView(stored, deps.places),
    ...(input.password === undefined ? { password } : {}),
  };
}

export async function listAccounts(deps: AccountsDeps): Promise<AccountView[]> {
  await deps.accounts.ready;
  return (await deps.accounts.store.accounts()).map((a) => accountView(a, deps.places));
}

export async function setDisabled(
  deps: AccountsDeps,
  id: string,
  disabled: boolean,
): Promise<AccountView> {
  await deps.accounts.ready;
  const updated = await deps.accounts.store.updateAccount(id, {
    disabled,
    updatedAt: deps.clock.now().toISOString(),
  });
  if (!updated) throw new AccountError('account_not_found', `No account ${id}`);
  if (disabled) await deps.accounts.store.deleteSessions(id);
  return accountView(updated, deps.places);
}

/** A new password (given, or generated and returned once); ends every session and lifts a lockout. */
export async function resetPassword(
  deps: AccountsDeps,
  id: string,
  given?: string,
): Promise<AccountWithPassword> {
  await deps.accounts.ready;
  const password = given ?? generatePassword();
  const updated = await deps.accounts.store.updateAccount(id, {
    passwordHash: await hashPassword(password, deps.accounts.cost),
    updatedAt: deps.clock.now().toISOString(),
  });
  if (!updated) throw new AccountError('account_not_found', `No account ${id}`);
  await deps.accounts.store.deleteSessions(id);
  await deps.accounts.store.clearFailures(failureKey.account(id));
  return {
    account: accountView(updated, deps.places),
    ...(given === undefined ? { password } : {}),
  };
}
