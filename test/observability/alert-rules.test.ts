// The alert rules operators get in deploy/prometheus: valid for Prometheus, and every rule has a
// unit test file that promtool runs green. A deliberately wrong expectation must fail, so a green
// run means the expectations were checked.
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { promtool } from '../support/prometheus.js';
import { root } from '../support/test-gateway.js';

const dir = join(root, 'deploy/prometheus');
const ruleFiles = readdirSync(dir).filter((f) => f.endsWith('.yml'));
const testFiles = readdirSync(join(dir, 'tests')).filter((f) => f.endsWith('.test.yml'));
const alertNames = ruleFiles.flatMap((f) =>
  [...readFileSync(join(dir, f), 'utf8').matchAll(/^\s*- alert: (\w+)/gm)].map((m) => m[1] ?? ''),
);

describe('Prometheus alert rules', () => {
  it('every rule file passes promtool check rules', () => {
    expect(ruleFiles.length).toBeGreaterThan(0);
    for (const f of ruleFiles) {
      const r = promtool(['check', 'rules', join(dir, f)]);
      expect(r.output, f).toContain('SUCCESS');
      expect(r.code, r.output).toBe(0);
    }
  });

  it('covers what an operator must wake up for, each rule with a test file', () => {
    expect(alertNames).toEqual(
      expect.arrayContaining([
        'HotlineIntakeErrors',
        'HotlineSlaBreachesRising',
        'HotlineTriageQueueGrowing',
        'HotlineDeadLetters',
        'HotlineKafkaWriteTimeouts',
        'HotlineReconcilerBacklog',
        'HotlineHolidayCalendarMissing',
        'HotlineStationNotPulling',
      ]),
    );
    const tests = testFiles.map((f) => readFileSync(join(dir, 'tests', f), 'utf8'));
    for (const name of alertNames) {
      // A test that expects the alert to fire (labels given), not only one that it stays quiet.
      const firing = tests.some((t) =>
        new RegExp(`alertname: ${name}\\n\\s+exp_alerts:\\n\\s+- exp_labels`).test(t),
      );
      expect(firing, `${name} has a promtool test in which it fires`).toBe(true);
    }
  });

  it.each(testFiles)('promtool test rules %s', (file) => {
    const r = promtool(['test', 'rules', join(dir, 'tests', file)]);
    expect(r.output).toContain('SUCCESS');
    expect(r.code, r.output).toBe(0);
  });

  it('a wrong expectation fails (the unit tests are not vacuous)', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'hg-promtool-'));
    const original = readFileSync(join(dir, 'tests', 'station-not-pulling.test.yml'), 'utf8');
    const wrong = original
      .replace('[../alerts.yml]', `[${join(dir, 'alerts.yml')}]`)
      .replace('station: ertiao-grid }', 'station: qinglong-grid }');
    writeFileSync(join(tmp, 'wrong.test.yml'), wrong);
    const r = promtool(['test', 'rules', join(tmp, 'wrong.test.yml')]);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('FAILED');
  });
});
