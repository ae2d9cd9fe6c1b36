// The success examples of the API reference are what the gateway answers to the walk-throughs of
// test/fixtures/api/: each walk-through is played on the in-process gateway and its answers compared
// with the recording (status and shape: fields and value types), so an answer that changes fails here
// until it is recorded again with `npm run api:examples` (RECORD_API_EXAMPLES=1).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { readRecorded, readWalkthroughs } from '../../src/http/api-example-files.js';
import { playWalkthrough, shapeOf } from '../support/api-walkthroughs.js';
import { root } from '../support/test-gateway.js';

const fixtures = join(root, 'test/fixtures');
const recording = process.env.RECORD_API_EXAMPLES === '1';
const walkthroughs = readWalkthroughs(fixtures);

describe('the API reference examples', () => {
  it('come from walk-throughs that exist', () => {
    expect(walkthroughs.length).toBeGreaterThan(0);
  });

  for (const { name, walk } of walkthroughs)
    it(`${name}: the gateway still answers as recorded`, async () => {
      const answers = await playWalkthrough(name, walk);
      if (recording) {
        const file = join(fixtures, 'api/recorded', `${name}.json`);
        mkdirSync(join(fixtures, 'api/recorded'), { recursive: true });
        // Written as prettier would, so a recording passes the format check as it is.
        const options = { ...(await resolveConfig(file)), filepath: file };
        writeFileSync(file, await format(JSON.stringify(answers), options));
      }
      const recorded = readRecorded(fixtures, name);
      expect(recorded, `${name} has no recording: npm run api:examples`).toBeDefined();
      const outline = (list: typeof answers) =>
        list.map((a) => ({
          request: a.request,
          status: a.status,
          contentType: a.contentType,
          shape: shapeOf(a.body),
        }));
      expect(
        outline(answers),
        `${name}: an answer changed; if that is meant, npm run api:examples`,
      ).toEqual(outline(recorded ?? []));
      // Recorded answers carry no unmasked phone number.
      expect(JSON.stringify(recorded)).not.toMatch(/(?<![\d*])1[3-9]\d{9}(?!\d)/);
    }, 60_000);
});
