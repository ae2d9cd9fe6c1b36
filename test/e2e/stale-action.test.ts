// A station's action lands only on the order it was decided on: the gateway reads the order when the
// request's headers arrive, so a body that arrives after the order changed (re-dispatched elsewhere,
// or returned by the station itself) must be refused with a 409, whatever expectedVersion it claims.
import { describe, expect, it } from 'vitest';
import { Problem } from '../../contracts/problem.js';
import { OrderView } from '../../contracts/views.js';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';

const station = keys.station('cuicheng-yiyuan-grid');

/**
 * Starts `POST /v1/orders/{id}/{action}` with the headers only; `bodyWanted` resolves once the gateway
 * has loaded the order and starts reading the body, and `send(body)` delivers it.
 */
function slowAction(gw: ReturnType<typeof createTestGateway>, id: string, action: string) {
  let wanted!: () => void;
  const bodyWanted = new Promise<void>((resolve) => (wanted = resolve));
  let deliver!: (body: string) => void;
  const bodyReady = new Promise<string>((resolve) => (deliver = resolve));
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        wanted();
        controller.enqueue(new TextEncoder().encode(await bodyReady));
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  const response = gw.app.request(`/v1/orders/${id}/${action}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${station}`, 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  return { bodyWanted, send: (body: unknown) => deliver(JSON.stringify(body)), response };
}

async function read(gw: ReturnType<typeof createTestGateway>, id: string) {
  return OrderView.parse(await (await gw.call('GET', `/v1/orders/${id}`, keys.admin)).json());
}

describe('an action decided on an older version of the order', () => {
  it('is refused when the dispatcher re-dispatched the order meanwhile, even claiming the new version', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01')); // dispatched to cuicheng-yiyuan-grid
    const before = await read(gw, body.id);

    const accept = slowAction(gw, body.id, 'accept');
    await accept.bodyWanted;
    const moved = await gw.call('POST', `/v1/orders/${body.id}/dispatch`, keys.admin, {
      stationId: 'cuicheng-xinyuan-grid',
    });
    expect(moved.status).toBe(200);
    accept.send({ expectedVersion: before.version + 1 });
    const res = await accept.response;

    expect(res.status).toBe(409);
    expect(Problem.parse(await res.json()).code).toBe('version_conflict');
    const after = await read(gw, body.id);
    expect(after).toMatchObject({ state: 'dispatched', station: { id: 'cuicheng-xinyuan-grid' } });
    expect(after.version).toBe(before.version + 1);
  });

  it("is refused after the station's own return, so no order is accepted without a station", async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01'));

    const accept = slowAction(gw, body.id, 'accept');
    await accept.bodyWanted;
    const returned = await gw.call('POST', `/v1/orders/${body.id}/return`, station, {
      reason: 'wrong_area',
      note: '不在本社区',
    });
    expect(returned.status).toBe(200);
    const afterReturn = await read(gw, body.id);
    expect(afterReturn.state).toBe('returned');
    accept.send({ expectedVersion: afterReturn.version });
    const res = await accept.response;

    expect(res.status).toBe(409);
    const after = await read(gw, body.id);
    expect(after.state).toBe('returned');
    expect(after.version).toBe(afterReturn.version);
  });

  it('still lets an expectedVersion make the check stricter: a wrong one is a 409', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01'));
    const v = (await read(gw, body.id)).version;
    const stale = await gw.call('POST', `/v1/orders/${body.id}/accept`, station, {
      expectedVersion: v - 1,
    });
    expect(stale.status).toBe(409);
    const ok = await gw.call('POST', `/v1/orders/${body.id}/accept`, station, {
      expectedVersion: v,
    });
    expect(ok.status).toBe(200);
    expect((await read(gw, body.id)).state).toBe('accepted');
  });
});
