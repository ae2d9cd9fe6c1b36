// The published demo accounts (README "Accounts"): created at start when missing, outside production
// only. They share one published password, so one hash per process serves them all.
import type { AccountRole } from '../../../contracts/accounts.js';
import type { AccountStore } from '../../ports/account-store.js';
import { hashPassword, type ScryptCost } from './password.js';

export const DEMO_PASSWORD = 'demo12345';

export interface DemoAccount {
  id: string;
  name: string;
  role: AccountRole;
  stationId?: string;
  scope?: string;
}

export const demoAccounts: readonly DemoAccount[] = [
  { id: 'yiyuan', name: '王芳', role: 'station', stationId: 'cuicheng-yiyuan-grid' },
  { id: 'jiaobei', name: '张伟', role: 'station', stationId: 'jiaobei-toutiao-grid' },
  { id: 'dispatcher', name: '李静', role: 'dispatcher' },
  { id: 'auditor', name: '赵敏', role: 'auditor' },
  { id: 'auditor-dongcheng', name: '刘洋', role: 'auditor', scope: '110101' },
  { id: 'supervisor-dongcheng', name: '陈刚', role: 'supervisor', scope: '110101' },
  { id: 'admin', name: '运维管理员', role: 'admin' },
];

const hashes = new Map<string, Promise<string>>();
/** The demo password's hash, computed once per process and cost (the password is public anyway). */
function demoHash(cost?: ScryptCost): Promise<string> {
  const key = JSON.stringify(cost ?? null);
  let h = hashes.get(key);
  if (!h) {
    h = hashPassword(DEMO_PASSWORD, cost);
    hashes.set(key, h);
  }
  return h;
}

/** Creates the demo accounts the store lacks; existing accounts (and their passwords) are left alone. */
export async function ensureDemoAccounts(
  store: AccountStore,
  now: Date,
  cost?: ScryptCost,
): Promise<void> {
  const missing: DemoAccount[] = [];
  for (const d of demoAccounts) if (!(await store.account(d.id))) missing.push(d);
  if (missing.length === 0) return;
  const passwordHash = await demoHash(cost);
  const at = now.toISOString();
  for (const d of missing)
    await store.createAccount({
      ...d,
      passwordHash,
      disabled: false,
      demo: true,
      createdAt: at,
      updatedAt: at,
    });
}
