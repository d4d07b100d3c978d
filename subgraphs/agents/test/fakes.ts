import type { ServiceClient, SubscriptionHandlers } from '@b3/kit';
import type { Candle } from '../src/domain/candle';
import type { Recommendation, RecommendationId } from '../src/domain/recommendation';
import type { DeskReview } from '../src/domain/risk-assessment';
import type { TradeSignal } from '../src/domain/trade-signal';
import { AgentErrors } from '../src/errors';
import type { CandleRequest, MarketData } from '../src/services/market-data.port';
import type { DeskOrder, RiskDesk } from '../src/services/risk-desk.port';
import type { SignalFeed, SignalWatcher } from '../src/services/signal-feed.port';
import type { RecommendationQuery, RecommendationStore, SignalAccount } from '../src/store/recommendation.store';
import { reviewed } from './builders';

/** The market with fixed bars per symbol; unknown symbols fail alone, `down` makes it unreachable. */
export class FakeMarket implements MarketData {
  readonly calls: CandleRequest[][] = [];
  down = false;

  constructor(public bars: Record<string, Candle[]> = {}) {}

  async candles(requests: readonly CandleRequest[]): Promise<Array<readonly Candle[] | Error>> {
    this.calls.push([...requests]);
    if (this.down) throw AgentErrors.upstreamUnavailable('market');
    return requests.map((r) => this.bars[r.symbol] ?? AgentErrors.unknownSymbol(r.symbol));
  }

  async ping(): Promise<void> {
    if (this.down) throw new Error('market down');
  }
}

/** Orders' risk desk answering with `answer` (default: every rule passes on default limits). */
export class FakeDesk implements RiskDesk {
  readonly calls: Array<{ account: string; order: DeskOrder }> = [];
  down = false;

  constructor(public answer: (account: string, order: DeskOrder) => DeskReview = () => reviewed()) {}

  async review(account: string, order: DeskOrder): Promise<DeskReview> {
    this.calls.push({ account, order });
    if (this.down) throw AgentErrors.upstreamUnavailable('orders');
    return this.answer(account, order);
  }

  async ping(): Promise<void> {
    if (this.down) throw new Error('orders down');
  }
}

/** The signals feed: `emit` plays a new signal, `reconnect` a (re)connection. */
export class FakeSignalFeed implements SignalFeed {
  readonly watchers = new Set<SignalWatcher>();
  readonly openCalls: Array<{ since: Date; first: number }> = [];

  constructor(public signals: TradeSignal[] = []) {}

  async signal(id: string): Promise<TradeSignal | null> {
    return this.signals.find((s) => s.id === id) ?? null;
  }

  async openSignals(since: Date, first: number): Promise<TradeSignal[]> {
    this.openCalls.push({ since, first });
    return this.signals.filter((s) => s.status === 'OPEN' && s.postedAt >= since).slice(0, first);
  }

  watch(watcher: SignalWatcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  emit(signal: TradeSignal): void {
    this.signals.push(signal);
    this.watchers.forEach((w) => w.signal(signal));
  }

  reconnect(): void {
    this.watchers.forEach((w) => w.connected?.());
  }

  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}

/** The store contract in memory, for service tests without a database. */
export class MemoryRecommendationStore implements RecommendationStore {
  readonly rows: Recommendation[] = [];

  async insert(r: Recommendation): Promise<void> {
    this.rows.push(r);
  }

  async page(q: RecommendationQuery): Promise<{ items: Recommendation[]; hasNextPage: boolean }> {
    const newestFirst = [...this.rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    const matching = newestFirst.filter(
      (r) =>
        (q.account === null || r.account === q.account) &&
        (!q.symbol || r.symbol === q.symbol) &&
        (!q.signalId || r.signalId === q.signalId) &&
        (!q.action || r.action === q.action) &&
        (!q.after || r.createdAt < q.after.createdAt || (r.createdAt.getTime() === q.after.createdAt.getTime() && r.id < q.after.id)),
    );
    return { items: matching.slice(0, q.first), hasNextPage: matching.length > q.first };
  }

  async byId(id: RecommendationId): Promise<Recommendation | null> {
    return this.rows.find((r) => r.id === id) ?? null;
  }

  async latestFor(keys: readonly SignalAccount[]): Promise<Array<Recommendation | null>> {
    return keys.map((k) => [...this.rows].reverse().find((r) => r.signalId === k.signalId && r.account === k.account) ?? null);
  }

  async recommendedSignals(account: string, signalIds: readonly string[]): Promise<Set<string>> {
    return new Set(this.rows.filter((r) => r.account === account && signalIds.includes(r.signalId)).map((r) => r.signalId));
  }
}

type Answer = (query: string, variables: Record<string, unknown>) => unknown;

/** A ServiceClient that answers from a function (which may throw ServiceCallError / ServiceUnreachableError). */
export class FakeServiceClient implements ServiceClient {
  readonly requests: Array<{ query: string; variables: Record<string, unknown> }> = [];
  readonly subscriptions: Array<{ query: string; handlers: SubscriptionHandlers<unknown>; active: boolean }> = [];
  closed = false;

  constructor(private readonly answer: Answer) {}

  async request<TData>(query: string, variables: Record<string, unknown> = {}): Promise<TData> {
    this.requests.push({ query, variables });
    return this.answer(query, variables) as TData;
  }

  subscribe<TData>(query: string, _variables: Record<string, unknown>, handlers: SubscriptionHandlers<TData>): () => void {
    const entry = { query, handlers: handlers as SubscriptionHandlers<unknown>, active: true };
    this.subscriptions.push(entry);
    return () => {
      entry.active = false;
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
