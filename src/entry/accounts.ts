// `npm run accounts -- <command>`: operators manage personal accounts in the store the gateway uses
// (GATEWAY_DATA_DIR's SQLite file, or Redis when REDIS_URL and KAFKA_BROKERS are set).
//   list
//   create <id> --name <name> --role station|dispatcher|auditor|supervisor|admin
//          [--station <stationId>] [--scope <district or street code>] [--password-stdin]
//   disable <id> | enable <id>
//   reset-password <id> [--password-stdin]
// Without --password-stdin a password is generated and printed once; with it, the first line of
// stdin is the password (at least 10 characters), so it never appears in the shell history.
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { CreateAccountRequest, Password } from '../../contracts/accounts.js';
import { parseEnv } from '../config/env.js';
import { loadConfigFiles } from '../config/load-files.js';
import { buildPlaceIndex } from '../domain/routing/place-index.js';
import { systemClock } from '../runtime/clock.js';
import { AccountError } from '../usecases/accounts/errors.js';
import {
  createAccount,
  listAccounts,
  resetPassword,
  setDisabled,
} from '../usecases/accounts/manage-accounts.js';
import type { AccountsDeps } from '../usecases/accounts/policy.js';
import { DomainError } from '../domain/errors.js';
import { clusterConfigured } from './cluster-wiring.js';
import { openAccounts } from './accounts-wiring.js';
import { issueLines } from '../domain/zod-issues.js';

const usage = `usage: npm run accounts -- list
       npm run accounts -- create <id> --name <name> --role <role> [--station <id>] [--scope <code>] [--password-stdin]
       npm run accounts -- disable <id> | enable <id>
       npm run accounts -- reset-password <id> [--password-stdin]`;

function options(args: string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (!a.startsWith('--')) positional.push(a);
    else if (a === '--password-stdin') flags.set(a.slice(2), true);
    else flags.set(a.slice(2), args[++i] ?? '');
  }
  return { positional, flags };
}

async function passwordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  const parsed = Password.safeParse(line);
  if (!parsed.success) throw new UsageError('password: at least 10 characters');
  return parsed.data;
}

class UsageError extends Error {}

async function run(deps: AccountsDeps, args: string[]): Promise<string> {
  const { positional, flags } = options(args);
  const [command, id] = positional;
  const flag = (name: string) => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const need = (what: string, v: string | undefined): string => {
    if (!v) throw new UsageError(`${command ?? ''}: ${what} is required\n${usage}`);
    return v;
  };
  const given = flags.has('password-stdin') ? await passwordFromStdin() : undefined;
  switch (command) {
    case 'list': {
      const rows = await listAccounts(deps);
      return rows
        .map((a) =>
          [
            a.id.padEnd(22),
            a.role.padEnd(11),
            (a.stationId ?? a.scope ?? '').padEnd(26),
            a.disabled ? 'disabled' : 'active  ',
            a.demo ? 'demo' : '    ',
            a.name,
          ].join(' '),
        )
        .join('\n');
    }
    case 'create': {
      const input = CreateAccountRequest.safeParse({
        id: need('<id>', id),
        name: need('--name', flag('name')),
        role: need('--role', flag('role')),
        ...(flag('station') ? { stationId: flag('station') } : {}),
        ...(flag('scope') ? { scope: flag('scope') } : {}),
        ...(given ? { password: given } : {}),
      });
      if (!input.success) throw new UsageError(issueLines(input.error).join('\n'));
      const created = await createAccount(deps, input.data);
      return `created ${created.account.id} (${created.account.role})${
        created.password ? `\npassword: ${created.password}` : ''
      }`;
    }
    case 'disable':
    case 'enable': {
      const a = await setDisabled(deps, need('<id>', id), command === 'disable');
      return `${a.id}: ${a.disabled ? 'disabled (its sessions ended)' : 'enabled'}`;
    }
    case 'reset-password': {
      const r = await resetPassword(deps, need('<id>', id), given);
      return `${r.account.id}: password reset, sessions ended${
        r.password ? `\npassword: ${r.password}` : ''
      }`;
    }
    default:
      throw new UsageError(usage);
  }
}

const env = parseEnv(process.env);
const files = loadConfigFiles(resolve(env.GATEWAY_CONFIG_DIR));
const places = buildPlaceIndex(files.gazetteer, files.directory);
const redis = clusterConfigured(env) ? new Redis(env.REDIS_URL ?? '') : undefined;
const accounts = openAccounts(env, systemClock, redis);
try {
  await accounts.ready;
  process.stdout.write(
    `${await run({ accounts, clock: systemClock, places }, process.argv.slice(2))}\n`,
  );
} catch (err) {
  const known =
    err instanceof UsageError ||
    err instanceof AccountError ||
    (err instanceof DomainError && err.code === 'validation_failed');
  process.stderr.write(`${known ? (err as Error).message : String(err)}\n`);
  process.exitCode = known ? 2 : 1;
} finally {
  await accounts.store.close();
  redis?.disconnect();
}
