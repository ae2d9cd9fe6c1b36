// The cluster store's reads, all from the Redis views: one order, its timeline and raw bytes, the
// filtered and paged lists (one Lua script over the narrowest index), the caller-phone index
// (重复件) and the log in commit order.
import type { OrderEvent } from '../../contracts/events.js';
import type { OrderPage, OrderView } from '../../contracts/views.js';
import type { ListQuery, RawRequest } from '../../src/ports/order-store.js';
import { decodeCursor, encodeCursor } from '../position-cursor.js';
import { keyOf, phoneKey, type ClusterKeys } from './cluster-store-keys.js';

export class ClusterOrderQueries {
  constructor(private readonly k: ClusterKeys) {}

  async get(orderId: string): Promise<OrderView | null> {
    const raw = await this.k.redis.hget(keyOf(this.k, 'o:', orderId), 'view');
    return raw === null ? null : (JSON.parse(raw) as OrderView);
  }

  async events(orderId: string): Promise<OrderEvent[]> {
    return (await this.k.redis.lrange(keyOf(this.k, 'ev:', orderId), 0, -1)).map(
      (e) => JSON.parse(e) as OrderEvent,
    );
  }

  async list(query: ListQuery): Promise<OrderPage> {
    const states = query.states ?? [];
    // The narrowest index first; the script filters by the rest.
    const index =
      query.stationId !== undefined
        ? `idx:st:${query.stationId}`
        : query.source !== undefined
          ? `idx:src:${query.source}`
          : states.length === 1
            ? `idx:state:${states[0] ?? ''}`
            : 'idx:all';
    const after = query.cursor === undefined ? 0 : decodeCursor(query.cursor);
    let rows = await this.page(index, after, query, query.stationId ?? '');
    // 协办: the orders the station assists are in their own index (same arrival numbers): one page
    // of each, merged in arrival order, is the first limit + 1 of the union.
    if (query.stationId !== undefined && query.assisting === true) {
      const assisted = await this.page(`idx:as:${query.stationId}`, after, query, '');
      const seen = new Set(rows.map((r) => r.n));
      rows = [...rows, ...assisted.filter((r) => !seen.has(r.n))].sort((a, b) => a.n - b.n);
    }
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => JSON.parse(r.view) as OrderView),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.n) : null,
    };
  }

  /** Up to limit + 1 rows of one index after arrival number `after`, filtered as the query says. */
  private async page(
    index: string,
    after: number,
    query: ListQuery,
    station: string,
  ): Promise<{ n: number; view: string }[]> {
    const flat = (await this.k.run('listPage', [
      this.k.prefix,
      index,
      after,
      query.limit,
      station,
      query.source ?? '',
      (query.states ?? []).join(','),
      query.overdue ? '1' : '',
      query.unsatisfied ? '1' : '',
      query.receivedFrom ?? '',
      query.receivedTo ?? '',
      query.placePrefix === undefined ? '-' : `=${query.placePrefix}`,
    ])) as string[];
    const rows: { n: number; view: string }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2)
      rows.push({ n: Number(flat[i]), view: flat[i + 1] ?? '' });
    return rows;
  }

  async raw(orderId: string): Promise<RawRequest[]> {
    return (await this.k.redis.lrange(keyOf(this.k, 'raw:', orderId), 0, -1)).map((r) => {
      const x = JSON.parse(r) as { contentType: string; receivedAt: string; body: string };
      return {
        contentType: x.contentType,
        receivedAt: x.receivedAt,
        body: new Uint8Array(Buffer.from(x.body, 'base64')),
      };
    });
  }

  /** 重复件: the caller's phone index (a sorted set by arrival time), newest first. */
  async byCallerPhone(phone: string, receivedFrom: number, limit: number): Promise<OrderView[]> {
    const ids = await this.k.redis.zrevrangebyscore(
      keyOf(this.k, 'idx:phone:', phoneKey(phone)),
      '+inf',
      receivedFrom,
      'LIMIT',
      0,
      limit,
    );
    const views = await Promise.all(ids.map((id) => this.get(id)));
    return views.filter((v): v is OrderView => v !== null);
  }

  /**
   * The log in commit order. Kafka orders events per order (per partition) only; the global order the
   * port promises is the order in which writes reached the views, numbered by Redis in the commit.
   */
  async readLog(after: number, limit: number): Promise<{ position: number; event: OrderEvent }[]> {
    const flat = (await this.k.run('readLog', [this.k.prefix, after, limit])) as string[];
    const out: { position: number; event: OrderEvent }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2)
      out.push({
        position: Number(flat[i]),
        event: JSON.parse(flat[i + 1] ?? 'null') as OrderEvent,
      });
    return out;
  }
}
