// `npm run key:hash -- <key>`: prints the keyHashes entry for principals.json. With no key, makes a
// fresh random one first (prints both; store the key in your secret manager, the hash in config).
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../http/principal.js';

const key = process.argv[2] ?? `hgk_${randomBytes(24).toString('base64url')}`;
if (process.argv[2] === undefined) process.stdout.write(`key:  ${key}\n`);
process.stdout.write(`hash: sha256:${await sha256Hex(key)}\n`);
