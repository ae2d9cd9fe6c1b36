// The pages' scripts are TypeScript (src/http/pages/client/, type-checked with the rest) bundled by
// esbuild in memory the first time a page asks, then served from memory: no build step for the user,
// no generated files in the tree. Node only; the Workers entry never imports this.
import { fileURLToPath } from 'node:url';

const clientDir = fileURLToPath(new URL('./client/', import.meta.url));
const bundles = new Map<string, Promise<string>>();

/** The names a page may ask for: one entry file per page in client/. */
export const clientEntries = [
  'landing',
  'login',
  'station',
  'dispatch',
  'audit',
  'admin',
  'supervision',
] as const;
export type ClientEntry = (typeof clientEntries)[number];

export function isClientEntry(name: string): name is ClientEntry {
  return (clientEntries as readonly string[]).includes(name);
}

export function clientScript(name: ClientEntry): Promise<string> {
  let bundle = bundles.get(name);
  if (!bundle) {
    bundle = build(name);
    // A failed build is not cached: the next request tries again (and reports the error again).
    bundle.catch(() => bundles.delete(name));
    bundles.set(name, bundle);
  }
  return bundle;
}

async function build(name: ClientEntry): Promise<string> {
  const { build: esbuild } = await import('esbuild');
  const out = await esbuild({
    entryPoints: [`${clientDir}${name}.ts`],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['es2020'],
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error(`esbuild produced nothing for ${name}`);
  return file.text;
}
