import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ilpSenderConfig } from '../src/store/questdb-ilp';
import { openQuestDbTickStore, type QuestDbTickStore } from '../src/store/questdb-tick.store';
import { trade } from './tick-store.contract';

interface IlpRequest {
  method: string;
  url: string;
  body: string;
}

/** Stands in for QuestDB's ILP/HTTP endpoint: records each request and answers 204 (or what `status` says). */
class FakeIlpEndpoint {
  readonly requests: IlpRequest[] = [];
  /** Status for the next responses; QuestDB answers 204 to an accepted write. */
  status = 204;
  private waiters: ((request: IlpRequest) => void)[] = [];
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => {
        const request = { method: req.method ?? '', url: req.url ?? '', body };
        this.requests.push(request);
        res.writeHead(this.status, this.status === 204 ? {} : { 'content-type': 'application/json' });
        res.end(this.status === 204 ? undefined : JSON.stringify({ code: 'invalid', message: 'refused by test' }));
        for (const waiter of this.waiters.splice(0)) waiter(request);
      });
    });
  }

  static async start(): Promise<FakeIlpEndpoint> {
    const endpoint = new FakeIlpEndpoint();
    await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
    return endpoint;
  }

  get config(): string {
    return `http::addr=127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  nextRequest(): Promise<IlpRequest> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Every ILP line received, in order. */
  lines(): string[] {
    return this.requests.flatMap((r) => r.body.split('\n').filter((line) => line !== ''));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const t1 = trade('PETR4', 1, '2026-11-26T13:00:00.000Z', '38.00', 100);
const t2 = trade('PETR4', 2, '2026-11-26T13:00:20.000Z', '38.10', 300);
const t3 = trade('PETR4', 3, '2026-11-26T13:00:59.999Z', '37.95', 200);
const d1 = trade('WINZ26', 10, '2026-11-26T02:59:59.999Z', '125000', 1);
const edit = { ...t2, price: '38.1234', isEdit: true, aggressor: 'SELL' as const };

// designated timestamp in nanoseconds: the client posts to /write?precision=n and QuestDB keeps microseconds
const L1 = 'trades,symbol=PETR4,exchange=B,aggressor=BUY trade_number=1i,price=380000i,quantity=100i,is_edit=f 1795698000000000000';
const L2 = 'trades,symbol=PETR4,exchange=B,aggressor=BUY trade_number=2i,price=381000i,quantity=300i,is_edit=f 1795698020000000000';
const L3 = 'trades,symbol=PETR4,exchange=B,aggressor=BUY trade_number=3i,price=379500i,quantity=200i,is_edit=f 1795698059999000000';
const LD1 = 'trades,symbol=WINZ26,exchange=F,aggressor=BUY trade_number=10i,price=1250000000i,quantity=1i,is_edit=f 1795661999999000000';
const LEDIT = 'trades,symbol=PETR4,exchange=B,aggressor=SELL trade_number=2i,price=381234i,quantity=300i,is_edit=t 1795698020000000000';

describe('QuestDB ILP writes', () => {
  let endpoint: FakeIlpEndpoint;
  let store: QuestDbTickStore | undefined;

  const open = async (options: { flushRows?: number; flushIntervalMs?: number; table?: string } = {}) => {
    // no QuestDB behind the pg address: with createTable off the store never connects to it
    store = await openQuestDbTickStore({ ilp: endpoint.config, pg: 'postgres://admin:quest@127.0.0.1:1/qdb', createTable: false, flushIntervalMs: 60_000, ...options });
    return store;
  };

  beforeEach(async () => {
    endpoint = await FakeIlpEndpoint.start();
  });
  afterEach(async () => {
    await store?.close().catch(() => undefined);
    store = undefined;
    await endpoint.stop();
  });

  it('writes one ILP line per trade: symbols as tags, LONG price units and quantities, a boolean edit flag, the trade time as timestamp', async () => {
    const s = await open();
    await s.append([t1, t2, t3, d1, edit]);
    await s.flush();

    expect(endpoint.requests).toHaveLength(1);
    expect(endpoint.requests[0]).toMatchObject({ method: 'POST', url: '/write?precision=n' });
    expect(endpoint.lines()).toEqual([L1, L2, L3, LD1, LEDIT]);
  });

  it('writes to the configured table', async () => {
    const s = await open({ table: 'ticks_b3' });
    await s.append([t1]);
    await s.flush();
    expect(endpoint.lines()).toEqual([L1.replace(/^trades,/, 'ticks_b3,')]);
  });

  it('flushes as soon as the row threshold is reached, and close() flushes the rest', async () => {
    const s = await open({ flushRows: 3 });
    await s.append([t1, t2]);
    expect(endpoint.requests).toHaveLength(0);
    expect(s.bufferedRows()).toBe(2);

    await s.append([t3, d1]);
    expect(endpoint.requests).toHaveLength(1);
    expect(endpoint.lines()).toEqual([L1, L2, L3, LD1]);
    expect(s.bufferedRows()).toBe(0);

    await s.append([edit]);
    expect(s.bufferedRows()).toBe(1);
    await s.close();
    expect(endpoint.requests).toHaveLength(2);
    expect(endpoint.requests[1].body).toBe(`${LEDIT}\n`);
    expect(s.bufferedRows()).toBe(0);
  });

  it('flushes rows below the threshold once they have waited flushIntervalMs', async () => {
    const s = await open({ flushRows: 1000, flushIntervalMs: 50 });
    const appendedAt = Date.now();
    const request = endpoint.nextRequest();
    await s.append([t1, t2]);
    expect(s.bufferedRows()).toBe(2);
    expect(endpoint.requests).toHaveLength(0);

    expect((await request).body).toBe(`${L1}\n${L2}\n`);
    expect(Date.now() - appendedAt).toBeGreaterThanOrEqual(45);
    await s.flush(); // queued behind the timed flush: resolves once its response is in
    expect(s.bufferedRows()).toBe(0);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('keeps rows QuestDB refused and sends them with the next flush', async () => {
    const s = await open({ flushRows: 2 });
    endpoint.status = 400;
    await expect(s.append([t1, t2])).rejects.toThrow(/ILP flush of 2 rows failed/);
    expect(s.bufferedRows()).toBe(2);

    endpoint.status = 204;
    await s.append([t3]); // 3 rows buffered, over the threshold: the refused rows go out with it
    expect(s.bufferedRows()).toBe(0);
    expect(endpoint.requests.map((r) => r.body)).toEqual([`${L1}\n${L2}\n`, `${L1}\n${L2}\n${L3}\n`]);
  });

  it('refuses a batch with an unwritable trade without buffering any of it', async () => {
    const s = await open();
    await expect(s.append([t1, { ...t2, price: '38.12345' }])).rejects.toThrow(/more than 4 decimals/);
    await expect(s.append([{ ...t1, time: 'yesterday' }])).rejects.toThrow(/invalid time/);
    expect(s.bufferedRows()).toBe(0);

    await s.append([t3]);
    await s.flush();
    expect(endpoint.lines()).toEqual([L3]);
  });

  it('never asks the server for its ILP versions (QuestDB 8.x has no /settings negotiation)', async () => {
    const s = await open();
    await s.append([t1]);
    await s.close();
    expect(endpoint.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /write?precision=n']);
    await expect(s.append([t2])).rejects.toThrow(/closed/);
  });
});

describe('ilpSenderConfig', () => {
  it('turns the client auto-flush off and pins protocol version 1 unless the caller chose one', () => {
    expect(ilpSenderConfig('http::addr=127.0.0.1:9000')).toBe('http::addr=127.0.0.1:9000;auto_flush=off;protocol_version=1;');
    expect(ilpSenderConfig('http::addr=questdb:9000;protocol_version=2;')).toBe('http::addr=questdb:9000;protocol_version=2;auto_flush=off;');
    expect(ilpSenderConfig('https::addr=q:9000;username=admin;password=a;;b;')).toBe('https::addr=q:9000;username=admin;password=a;;b;auto_flush=off;protocol_version=1;');
  });

  it('refuses TCP and auto-flush settings the store owns', () => {
    expect(() => ilpSenderConfig('tcp::addr=127.0.0.1:9009')).toThrow(/http or https/);
    expect(() => ilpSenderConfig('http::addr=127.0.0.1:9000;auto_flush_rows=5')).toThrow(/flushRows/);
    expect(() => ilpSenderConfig('addr=127.0.0.1:9000')).toThrow(/http::addr/);
  });
});
