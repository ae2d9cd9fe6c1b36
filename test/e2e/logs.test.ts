// Personal data never reaches the logs: not the caller's name, not the phone number, not the key.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/telemetry/logger.js';
import { Writable } from 'node:stream';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';

describe('logs', () => {
  it('carry a request id and no caller name, phone number or API key through a whole flow', async () => {
    const gw = createTestGateway();
    const order = { ...fixture('01'), caller: { name: '黄鹤林', phone: '+86 139-1234-5678' } };
    const { body } = await gw.submit(order);
    await gw.call('POST', `/v1/orders/${body.id}/accept`, keys.station('cuicheng-yiyuan-grid'), {});
    await gw.call('GET', `/v1/orders/${body.id}/timeline`, keys.admin);
    await gw.call('POST', '/v1/orders', keys.source, '{"caller": {"phone": "13912345678"'); // malformed, echoed by the parser
    const text = gw.logLines.join('');
    expect(gw.logLines.length).toBeGreaterThanOrEqual(4);
    for (const line of gw.logLines) expect(JSON.parse(line)).toHaveProperty('requestId');
    expect(text).not.toMatch(
      /黄鹤林|13912345678|139-1234-5678|demo-source|demo-station|demo-admin/,
    );
  });

  it('scrub phone-like numbers and redact personal fields even when code logs them by mistake', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      destination: new Writable({
        write(c: Buffer, _e, done) {
          lines.push(c.toString());
          done();
        },
      }),
    });
    logger.info(
      {
        caller: { name: '张大爷', phone: '13800138000' },
        note: '请回电 010-6512 3456 或 13800138000',
      },
      'careless 0731-88881234',
    );
    const out = lines.join('');
    expect(out).not.toMatch(/张大爷|13800138000|6512 3456|88881234/);
    expect(out).toContain('138****8000');
  });
});
