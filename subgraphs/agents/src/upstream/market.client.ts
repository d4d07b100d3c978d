import { type Logger, ServiceCallError, type ServiceClient, ServiceUnreachableError } from '@b3/kit';
import type { Candle } from '../domain/candle';
import { AgentErrors } from '../errors';
import type { CandleRequest, MarketData } from '../services/market-data.port';
import { pingUpstream } from './upstream-call';

const CANDLE_FIELDS = 'start open high low close volume turnover closed';

interface WireTicker {
  candles: Candle[];
}

/** One aliased field per request, so a DataLoader batch of symbols is one round trip to the market. */
function batchQuery(count: number): string {
  const params = Array.from({ length: count }, (_, i) => `$s${i}: String!, $i${i}: CandleInterval!, $l${i}: Int!`).join(', ');
  const fields = Array.from({ length: count }, (_, i) => `c${i}: ticker(symbol: $s${i}) { candles(interval: $i${i}, limit: $l${i}) { ${CANDLE_FIELDS} } }`).join(' ');
  return `query AgentCandles(${params}) { ${fields} }`;
}

function variablesOf(requests: readonly CandleRequest[]): Record<string, unknown> {
  return Object.fromEntries(requests.flatMap((r, i) => [[`s${i}`, r.symbol], [`i${i}`, r.interval], [`l${i}`, r.limit]]));
}

/** MarketData over the market subgraph's own endpoint, as the agents service. */
export class MarketClient implements MarketData {
  constructor(
    private readonly client: ServiceClient,
    private readonly logger: Logger,
  ) {}

  async candles(requests: readonly CandleRequest[]): Promise<Array<readonly Candle[] | Error>> {
    if (requests.length <= 1) return Promise.all(requests.map((r) => this.one(r)));
    try {
      const data = await this.client.request<Record<string, WireTicker>>(batchQuery(requests.length), variablesOf(requests));
      return requests.map((_, i) => data[`c${i}`].candles);
    } catch (error) {
      // One unknown symbol nulls the whole answer (ticker is non-null): ask each alone so only it fails.
      if (error instanceof ServiceCallError) return Promise.all(requests.map((r) => this.one(r)));
      throw this.unreachable(error);
    }
  }

  ping(): Promise<void> {
    return pingUpstream(this.client);
  }

  private async one(request: CandleRequest): Promise<readonly Candle[] | Error> {
    try {
      const data = await this.client.request<Record<string, WireTicker>>(batchQuery(1), variablesOf([request]));
      return data.c0.candles;
    } catch (error) {
      if (!(error instanceof ServiceCallError)) throw this.unreachable(error);
      if (error.code === 'MARKET_UNKNOWN_SYMBOL') return AgentErrors.unknownSymbol(request.symbol);
      this.logger.warn({ err: error, upstream: 'market', code: error.code, symbol: request.symbol }, 'market refused a candle request');
      return AgentErrors.upstreamFailed('market', error.code);
    }
  }

  private unreachable(error: unknown): unknown {
    if (!(error instanceof ServiceUnreachableError)) return error;
    this.logger.warn({ err: error, upstream: 'market' }, 'market did not answer');
    return AgentErrors.upstreamUnavailable('market');
  }
}
