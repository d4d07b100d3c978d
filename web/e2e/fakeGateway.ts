import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { BridgeStatusSubscription } from '../src/gql/graphql';

// Only the slice of the real gateway's schema the dashboard reads; the documents the page sends are
// validated against it, so a typo in a query fails the browser test.
const schema = buildSchema(/* GraphQL */ `
  enum Health { OK DEGRADED DOWN }
  enum Aggressor { BUY SELL NONE }
  type Trade { price: String! quantity: Int! time: String! aggressor: Aggressor! }
  type Ticker { symbol: String! lastTrade: Trade candles(interval: CandleInterval!, limit: Int): [Candle!]! }
  enum CandleInterval { M1 M5 M15 H1 D1 }
  type Candle {
    symbol: String! interval: CandleInterval! start: String! end: String! open: String! high: String! low: String! close: String!
    volume: Int! trades: Int! turnover: String! vwap: String! closed: Boolean!
  }
  type Tick { symbol: String! price: String! quantity: Int! aggressor: Aggressor! time: String! }
  type ServiceHealth { name: String! status: Health! latencyMs: Int url: String! }
  type PlatformStatus { overall: Health! checkedAt: String! services: [ServiceHealth!]! }
  type BridgeSubscription { symbol: String! exchange: String! book: Boolean! }
  type BridgeStatus {
    health: String! login: String! activation: String! marketData: String! routing: String! library: String! tradePath: String!
    tradesReceived: Int! tradesPublished: Int! tradesPerSecond: Float! queueDepth: Int! ringCapacity: Int! ringDropped: Int!
    callbackP99Micros: Float! drainLatencyP99Ms: Float! duplicatesDropped: Int! reinitializations: Int!
    nextReconnectInMs: Int lastError: String subscriptions: [BridgeSubscription!]! updatedAt: String!
  }
  type Query { ticker(symbol: String!): Ticker! tickers(symbols: [String!]!): [Ticker!]! platformStatus: PlatformStatus! bridgeStatus: BridgeStatus! }
  type Subscription { ticks(symbols: [String!]!): Tick! bridgeStatus: BridgeStatus! candles(symbol: String!, interval: CandleInterval!): Candle! }
`);

export type Health = 'OK' | 'DEGRADED' | 'DOWN';

/** What the fake bridge reports, less the timestamp it stamps on every update. */
export type FakeBridgeStatus = Omit<BridgeStatusSubscription['bridgeStatus'], 'updatedAt'>;

/** A healthy simulator session with numbers big enough to show thousands separators. */
export function healthyBridge(): FakeBridgeStatus {
  return {
    health: 'OK',
    login: 'CONNECTED',
    activation: 'VALID',
    marketData: 'CONNECTED',
    routing: 'DISABLED',
    library: 'SIMULATOR',
    tradePath: 'shim',
    tradesReceived: 1234567,
    tradesPublished: 1234560,
    tradesPerSecond: 1234.5,
    queueDepth: 7,
    ringCapacity: 65536,
    ringDropped: 0,
    callbackP99Micros: 3.21,
    drainLatencyP99Ms: 0.85,
    duplicatesDropped: 12,
    reinitializations: 0,
    nextReconnectInMs: null,
    lastError: null,
    subscriptions: [
      { symbol: 'WINZ26', exchange: 'F', book: true },
      { symbol: 'PETR4', exchange: 'B', book: false },
    ],
  };
}

interface PriceModel {
  /** Price in minor units (10^-scale), so the fake moves prices with integer arithmetic only. */
  minor: bigint;
  readonly scale: number;
  readonly step: bigint;
}

const PRICE_MODELS: Record<string, () => PriceModel> = {
  WINZ26: () => ({ minor: 125000n, scale: 0, step: 5n }),
  WDOZ26: () => ({ minor: 54125n, scale: 1, step: 5n }),
  PETR4: () => ({ minor: 3801n, scale: 2, step: 1n }),
  VALE3: () => ({ minor: 6127n, scale: 2, step: 1n }),
};

// Net drift is upward but every few ticks the price falls, so both flash directions are exercised.
const MOVES = [1n, 2n, -1n, 3n, -2n, 1n, -1n];

function toDecimalString(minor: bigint, scale: number): string {
  if (scale === 0) return minor.toString();
  const digits = minor.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

export interface FakeGateway {
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** Statuses reported by platformStatus; change them to see the dashboard's next poll pick them up. */
  readonly services: Map<string, Health>;
  /** Changes what bridgeStatus reports from the subscription's next beat on. */
  setBridge(status: FakeBridgeStatus): void;
  /** While set, every bridgeStatus subscription fails with this message on its next beat, as when the bridge is gone. */
  setBridgeFailure(message: string | null): void;
  /** While false, websocket upgrades are refused, as when the gateway is restarting. */
  setAcceptingSockets(accepting: boolean): void;
  /** Cuts every open websocket without a close frame. */
  dropSockets(): void;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

export async function startFakeGateway(tickIntervalMs = 120, bridgeIntervalMs = 250): Promise<FakeGateway> {
  const prices = new Map(Object.entries(PRICE_MODELS).map(([symbol, model]) => [symbol, model()]));
  const services = new Map<string, Health>([
    ['gateway', 'OK'],
    ['market', 'OK'],
    ['orders', 'DEGRADED'],
    ['signals', 'DOWN'],
  ]);
  let bridge = healthyBridge();
  let bridgeFailure: string | null = null;
  let moveIndex = 0;
  let accepting = true;

  const quote = (symbol: string) => {
    const model = prices.get(symbol);
    return model ? { price: toDecimalString(model.minor, model.scale), quantity: 5, aggressor: 'BUY', time: new Date().toISOString() } : null;
  };

  const queryRoot = {
    // the candle chart is tested against the real platform (dashboard.e2e); here it only needs to load
    ticker: ({ symbol }: { symbol: string }) => ({ symbol, lastTrade: quote(symbol), candles: () => [] }),
    tickers: ({ symbols }: { symbols: string[] }) =>
      // VALE3 has not traded yet today: the page must cope with a null lastTrade.
      symbols.map((symbol) => ({ symbol, lastTrade: symbol === 'VALE3' ? null : quote(symbol) })),
    platformStatus: () => {
      const list = [...services].map(([name, status], i) => ({
        name,
        status,
        latencyMs: status === 'DOWN' ? null : 3 + i,
        url: `http://127.0.0.1:${4000 + i}/graphql`,
      }));
      const overall = list.some((s) => s.status === 'DOWN') ? 'DOWN' : list.some((s) => s.status === 'DEGRADED') ? 'DEGRADED' : 'OK';
      return { overall, checkedAt: new Date().toISOString(), services: list };
    },
    bridgeStatus: () => ({ ...bridge, updatedAt: new Date().toISOString() }),
  };

  // Like the real bridge: the status at once, then on a steady beat (faster than its once a second, to keep tests short).
  async function* bridgeStatus() {
    for (;;) {
      if (bridgeFailure !== null) throw new Error(bridgeFailure);
      yield { bridgeStatus: queryRoot.bridgeStatus() };
      await new Promise((resolve) => setTimeout(resolve, bridgeIntervalMs));
    }
  }

  // No bars in the fake market: the stream stays open and silent until the page leaves (no timer to outlive it).
  function candles(): AsyncIterableIterator<never> {
    let finish = (): void => undefined;
    const ended = new Promise<IteratorResult<never>>((resolve) => (finish = () => resolve({ done: true, value: undefined })));
    return {
      next: () => ended,
      return: async () => {
        finish();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  async function* ticks({ symbols }: { symbols: string[] }) {
    const known = symbols.filter((s) => prices.has(s));
    for (let i = 0; ; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, tickIntervalMs));
      const symbol = known[i % known.length];
      const model = prices.get(symbol)!;
      model.minor += MOVES[moveIndex++ % MOVES.length] * model.step;
      yield {
        ticks: { symbol, price: toDecimalString(model.minor, model.scale), quantity: 1 + (i % 9) * 5, aggressor: i % 3 ? 'BUY' : 'SELL', time: new Date().toISOString() },
      };
    }
  }

  const server = http.createServer((req, res) => {
    // The page is served from another loopback port, so the browser sends CORS preflights.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'content-type, accept');
    res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (req.method !== 'POST' || req.url !== '/graphql') {
      sendJson(res, 404, { errors: [{ message: 'not found' }] });
      return;
    }
    readJson(req)
      .then((body) =>
        graphql({
          schema,
          source: String(body.query),
          variableValues: body.variables as Record<string, unknown> | undefined,
          rootValue: queryRoot,
        }),
      )
      .then((result) => sendJson(res, 200, result))
      .catch((error: unknown) => sendJson(res, 400, { errors: [{ message: String(error) }] }));
  });

  const wss = new WebSocketServer({ noServer: true });
  const wsServer = useServer({ schema, roots: { query: queryRoot, subscription: { ticks, bridgeStatus, candles } } }, wss);
  server.on('upgrade', (req, socket, head) => {
    if (!accepting || req.url !== '/graphql') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    httpUrl: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    services,
    setBridge: (status) => {
      bridge = status;
    },
    setBridgeFailure: (message) => {
      bridgeFailure = message;
    },
    setAcceptingSockets: (value) => {
      accepting = value;
    },
    dropSockets: () => wss.clients.forEach((ws) => ws.terminate()),
    close: async () => {
      wss.clients.forEach((ws) => ws.terminate());
      await wsServer.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
