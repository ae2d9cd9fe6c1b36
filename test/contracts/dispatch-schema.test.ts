// The published JSON Schema of the dispatch stream is the one generated from the Zod contract:
// change contracts/dispatch.ts, run `npm run contracts:dispatch-schema`, commit both.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dispatchJsonSchema } from '../../contracts/dispatch.js';

describe('dispatch contract', () => {
  it('ships contracts/dispatch.schema.json generated from the Zod schema', () => {
    const published = JSON.parse(
      readFileSync(new URL('../../contracts/dispatch.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(published).toEqual(JSON.parse(JSON.stringify(dispatchJsonSchema())));
  });
});
