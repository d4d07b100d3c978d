import type { CandleInterval } from '../domain/candle';
import { analyzeCandles, type MarketSignal } from '../domain/market-signal';
import { AgentErrors } from '../errors';
import type { AgentMetrics } from './agent-metrics';
import type { MarketData } from './market-data.port';

/** Enough bars for EMA(50) to settle and for MACD(12,26,9) and the rest with room to spare. */
export const CANDLE_WINDOW = 200;
const SYMBOL = /^[A-Z0-9]{4,12}$/;

export interface AnalysisKey {
  readonly symbol: string;
  readonly interval: CandleInterval;
}

export interface MarketAnalysisOptions {
  clock?: () => Date;
  metrics?: AgentMetrics;
}

export function normalizeSymbol(symbol: string): string {
  const s = symbol.trim().toUpperCase();
  if (!SYMBOL.test(s)) throw AgentErrors.invalid('symbol', [{ field: 'symbol', rule: 'MALFORMED', message: 'must be a B3 ticker such as PETR4 or WINZ26' }]);
  return s;
}

/** MarketAnalysisAgent: the market's bars in, one deterministic MarketSignal out (domain/market-signal.ts). */
export class MarketAnalysisAgent {
  private readonly clock: () => Date;

  constructor(
    private readonly market: MarketData,
    private readonly options: MarketAnalysisOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  async analyze(symbol: string, interval: CandleInterval): Promise<MarketSignal> {
    const [result] = await this.analyzeMany([{ symbol: normalizeSymbol(symbol), interval }]);
    if (result instanceof Error) throw result;
    return result;
  }

  /** One market round trip for many keys (Ticker.analysis' DataLoader); a bad key fails only itself. */
  async analyzeMany(keys: readonly AnalysisKey[]): Promise<Array<MarketSignal | Error>> {
    const run = async (): Promise<Array<MarketSignal | Error>> => {
      const answers = await this.market.candles(keys.map((k) => ({ symbol: k.symbol, interval: k.interval, limit: CANDLE_WINDOW })));
      const at = this.clock();
      return answers.map((candles, i) => {
        if (candles instanceof Error) return candles;
        const signal = analyzeCandles({ symbol: keys[i].symbol, interval: keys[i].interval, candles, at });
        this.options.metrics?.decided('market_analysis', signal.direction);
        return signal;
      });
    };
    return this.options.metrics ? this.options.metrics.timed('market_analysis', run) : run();
  }
}
