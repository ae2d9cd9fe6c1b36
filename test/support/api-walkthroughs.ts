// Plays the API walk-throughs of test/fixtures/api/ against the in-process gateway and records what it
// answered, personal data masked, as the OpenAPI document's success examples (src/http/api-examples.ts).
// shapeOf reduces an answer to its structure (fields and value types), so a recording is compared with
// today's answer without the ids and times that differ between runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedAnswer, WalkStep, Walkthrough } from '../../src/http/api-example-files.js';
import { maskName, maskPhone } from '../../src/domain/text/phone.js';
import { importSecret, sign } from '../../src/webhooks/standard-webhooks.js';
import { outboundTick } from '../../src/webhooks/outbound/outbound-worker.js';
import { SqliteDeliveryStore } from '../../adapters/embedded/sqlite-delivery-store.js';
import { urlAddressRefusal } from '../../adapters/outbound/guarded-lookup.js';
import { UndiciWebhookSender } from '../../adapters/outbound/undici-webhook-sender.js';
import { startReceiver } from './webhook-receiver.js';
import { maskPersonalValue, personalKind } from '../../src/domain/text/personal-data.js';
import { createTestGateway, root } from './test-gateway.js';

const fixtures = join(root, 'test/fixtures');

/** Identifiers, codes, links and times: never personal, left as answered. */
const NOT_PERSONAL = new Set([
  'id',
  'externalId',
  'orderId',
  'leadId',
  'stationId',
  'code',
  'divisionCode',
  'suggestedCode',
  'service_request_id',
  'service_code',
  'token',
  'cursor',
  'nextCursor',
  'location',
  'url',
  'href',
  'requestId',
  'csrfToken',
]);
/** Fields that hold a person (a caller, a logged-in account): their names are masked too. */
const PERSON = /^(caller|callers|joinedCallers|citizen|contact|account)$/;
/** An account as the accounts list gives it (a station's or a platform's name stays). */
const isAccount = (o: object) => 'role' in o && 'disabled' in o;

/** The answer with every phone and ID number masked, and people's names. */
export function maskAnswer(value: unknown, person = false): unknown {
  if (Array.isArray(value)) return value.map((v) => maskAnswer(v, person));
  if (value !== null && typeof value === 'object') {
    const named = person || isAccount(value);
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (NOT_PERSONAL.has(k)) return [k, v];
        const kind = personalKind(k);
        if (typeof v === 'string' && kind === 'phone') return [k, maskPhone(v)];
        if (typeof v === 'string' && kind === 'name' && named) return [k, maskName(v)];
        return [k, maskAnswer(v, named || PERSON.test(k))];
      }),
    );
  }
  return typeof value === 'string' ? maskPersonalValue(value, { byFieldName: false }) : value;
}

/** The structure of a JSON value: field names and value types, arrays as the set of their items'. */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const items = new Map(value.map((v) => [JSON.stringify(shapeOf(v)), shapeOf(v)]));
    return { array: [...items.keys()].sort().map((k) => items.get(k)) };
  }
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, shapeOf((value as Record<string, unknown>)[k])]),
    );
  return typeof value;
}

const pick = (value: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (v, k) =>
        v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined,
      value,
    );

const mediaOf = (file: string) =>
  file.endsWith('.xml')
    ? 'application/xml'
    : file.endsWith('.form')
      ? 'application/x-www-form-urlencoded'
      : 'application/json';

/** Runs a walk-through on a fresh gateway; throws, naming the step, when a step is not a success. */
export async function playWalkthrough(name: string, walk: Walkthrough): Promise<RecordedAnswer[]> {
  const gw = createTestGateway({
    ...(walk.edgeHandoffSecret
      ? { edgeHandoff: [await importSecret(walk.edgeHandoffSecret)] }
      : {}),
    // With a receiver on loopback, status webhooks may reach loopback (as the webhook tests allow).
    ...(walk.statusReceiver
      ? {
          outbound: {
            deliveries: new SqliteDeliveryStore({ path: ':memory:' }),
            checkUrl: (url) => urlAddressRefusal(url, true),
          },
        }
      : {}),
  });
  const saved: Record<string, string> = {};
  const sessions = new Map<string, Record<string, string>>();
  const rx = walk.statusReceiver
    ? await startReceiver(() => Math.floor(gw.deps.clock.now().getTime() / 1000))
    : undefined;
  const sender = new UndiciWebhookSender({ allowPrivate: true, timeoutMs: 5_000 });
  if (rx) {
    saved.receiver = rx.url;
    rx.script.push(...(walk.statusReceiver?.answers ?? []).map((status) => ({ status })));
  }
  try {
    return await play();
  } finally {
    await rx?.close();
    await sender.close();
  }

  async function deliver() {
    const deliveries = gw.deps.outbound?.deliveries;
    if (!deliveries) throw new Error(`${name}: the gateway sends no status webhooks`);
    const tick = () =>
      outboundTick({
        orders: gw.deps.store,
        deliveries,
        sender,
        clock: gw.deps.clock,
        random: () => 0.5,
      });
    await tick();
    for (let hour = 0; hour < 48; hour++) {
      gw.setNow(new Date(gw.deps.clock.now().getTime() + 3_600_000));
      await tick();
    }
    sessions.clear();
  }

  async function play(): Promise<RecordedAnswer[]> {
    const answers: RecordedAnswer[] = [];
    for (const [i, step] of walk.steps.entries()) {
      const where = `${name} step ${i + 1} (${step.request})`;
      if (step.at) {
        gw.setNow(new Date(step.at));
        sessions.clear(); // a person logs in again after the clock moved (sessions expire when idle)
      }
      if (step.sweep) await gw.sweep();
      if (step.deliver) await deliver();
      const [method = '', template = ''] = step.request.trim().split(/\s+/);
      const path = template.replace(/\{(\w+)\}/g, (_m, p: string) => {
        const given = step.params?.[p];
        const value = given?.startsWith('$') ? saved[given.slice(1)] : (given ?? saved[p]);
        if (value === undefined) throw new Error(`${where}: no value for {${p}}`);
        return encodeURIComponent(value);
      });
      const sent = step.body === undefined ? undefined : withSaved(step.body, saved, where);
      const body = bodyOf({ ...step, ...(sent !== undefined ? { body: sent } : {}) });
      const headers: Record<string, string> = {
        ...(await who(step)),
        ...contentType(step),
        ...(step.signWith ? await signed(step.signWith, `msg_${name}_${i + 1}`, body) : {}),
        ...step.headers,
      };
      const res = await gw.app.request(`${path}${step.query ? `?${step.query}` : ''}`, {
        method,
        headers,
        ...(body !== undefined ? { body: new Blob([Buffer.from(body)]) } : {}),
      });
      const type = res.headers.get('content-type') ?? '';
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${where}: answered ${res.status} ${text}`);
      const answer = /json/.test(type) && text !== '' ? (JSON.parse(text) as unknown) : undefined;
      // A new subscription's secret: the receiver verifies what it is sent with it.
      const secret = pick(answer, 'secret');
      if (rx && typeof secret === 'string' && secret.startsWith('whsec_'))
        await rx.setSecret(secret);
      for (const [key, at] of Object.entries(step.save ?? {})) {
        const value = pick(answer, at);
        if (typeof value !== 'string') throw new Error(`${where}: nothing to save at ${at}`);
        saved[key] = value;
      }
      answers.push({
        request: step.request,
        summary: step.summary,
        status: res.status,
        contentType: type.split(';')[0] ?? '',
        ...(answer !== undefined ? { body: maskAnswer(answer) } : {}),
        ...(JSON.stringify(sent) !== JSON.stringify(step.body) ? { sent } : {}),
      });
    }
    return answers;
  }

  async function who(step: WalkStep): Promise<Record<string, string>> {
    if (!step.as) return {};
    if (!step.as.startsWith('account:')) return { authorization: `Bearer ${step.as}` };
    const account = step.as.slice('account:'.length);
    if (!sessions.has(account)) sessions.set(account, (await gw.login(account)).headers);
    return sessions.get(account) ?? {};
  }

  async function signed(secret: string, id: string, body: Uint8Array | undefined) {
    const timestamp = Math.floor(gw.deps.clock.now().getTime() / 1000);
    const signature = await sign(
      await importSecret(secret),
      id,
      timestamp,
      body ?? new Uint8Array(),
    );
    return {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    };
  }
}

function contentType(step: WalkStep): Record<string, string> {
  if (step.body !== undefined) return { 'content-type': 'application/json' };
  if (step.form !== undefined) return { 'content-type': 'application/x-www-form-urlencoded' };
  if (step.bodyFile !== undefined) return { 'content-type': mediaOf(step.bodyFile) };
  return {};
}

/** The body with every string "$name" replaced by the value saved under that name. */
function withSaved(body: unknown, saved: Record<string, string>, where: string): unknown {
  if (typeof body === 'string' && body.startsWith('$')) {
    const value = saved[body.slice(1)];
    if (value === undefined) throw new Error(`${where}: nothing saved as ${body}`);
    return value;
  }
  if (Array.isArray(body)) return body.map((b) => withSaved(b, saved, where));
  if (body !== null && typeof body === 'object')
    return Object.fromEntries(
      Object.entries(body).map(([k, v]) => [k, withSaved(v, saved, where)]),
    );
  return body;
}

/** The bytes sent (and signed). */
function bodyOf(step: WalkStep): Uint8Array | undefined {
  const text = (s: string) => new TextEncoder().encode(s);
  if (step.body !== undefined) return text(JSON.stringify(step.body));
  if (step.form !== undefined) return text(new URLSearchParams(step.form).toString());
  if (step.bodyFile !== undefined)
    return new Uint8Array(readFileSync(join(fixtures, step.bodyFile)));
  return undefined;
}
