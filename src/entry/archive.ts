// `npm run archive`: moves closed orders unchanged for ARCHIVE_AFTER_DAYS (default 730) out of the
// embedded store into `<data dir>/gateway.archive.sqlite` (src/usecases/archive.ts). It may run while
// the gateway runs (short transactions, WAL); freed pages are reused by new orders, so the hot file
// stops growing. `npm run archive -- export [file]` writes every archived order as NDJSON (view,
// events, raw bytes in base64) to the file or stdout. Personal data is included: it is the record.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import { parseEnv } from '../config/env.js';
import { systemClock } from '../runtime/clock.js';
import { ArchiveEnv, archiveClosedOrders, exportLine } from '../usecases/archive.js';

const env = parseEnv(process.env);
const settings = ArchiveEnv.safeParse(process.env);
if (!settings.success) {
  process.stderr.write(
    `Refusing to run: ${settings.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n`,
  );
  process.exit(2);
}
const store = new SqliteOrderStore({
  path: join(resolve(env.GATEWAY_DATA_DIR), 'gateway.sqlite'),
  synchronous: env.SQLITE_SYNC,
});
const [command, file] = process.argv.slice(2);
try {
  if (command === 'export') {
    const out = file ? createWriteStream(file) : process.stdout;
    let n = 0;
    for (const o of store.archived()) {
      const line = exportLine(o, (b) => Buffer.from(b).toString('base64'));
      if (!out.write(`${line}\n`)) await once(out, 'drain');
      n += 1;
    }
    if (file) await new Promise<void>((done) => out.end(done));
    process.stderr.write(`exported ${n} archived orders${file ? ` to ${file}` : ''}\n`);
  } else if (command === undefined || command === 'run') {
    const days = settings.data.ARCHIVE_AFTER_DAYS;
    const r = archiveClosedOrders({ store, clock: systemClock }, days);
    process.stdout.write(
      `archived ${r.orders} closed orders unchanged since ${r.before} (${days} days): ${r.events} events, ${r.rawBytes} raw bytes\n`,
    );
  } else {
    process.stderr.write('usage: npm run archive [-- run | -- export [file.ndjson]]\n');
    process.exitCode = 2;
  }
} finally {
  await store.close();
}
