// Writes contracts/dispatch.schema.json from the Zod contract (`npm run contracts:dispatch-schema`);
// test/contracts/dispatch-schema.test.ts fails when someone changes the contract and forgets to run this.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dispatchJsonSchema } from '../../contracts/dispatch.js';

const file = fileURLToPath(new URL('../../contracts/dispatch.schema.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(dispatchJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);
