import type { Candle } from '../src/domain/candle';
import { formatFixed, mul, parseFixed } from '../src/domain/decimal';
import type { AccountRisk, DeskReview, RuleOutcome } from '../src/domain/risk-assessment';
import type { TradeSignal } from '../src/domain/trade-signal';

/**
 * Bars from a list of closes, one minute apart from `start`: open at the previous close, high and low
 * `spread` around the close's range, 100 traded at the close (so turnover = close × 100, exact).
 */
export function candlesFrom(closes: readonly number[], options: { start?: string; minutes?: number; spread?: number; volume?: number } = {}): Candle[] {
  const start = Date.parse(options.start ?? '2026-11-26T13:00:00Z');
  const step = (options.minutes ?? 1) * 60_000;
  const spread = options.spread ?? 0.1;
  const volume = options.volume ?? 100;
  const text = (n: number): string => formatFixed(parseFixed(n.toFixed(4)));
  return closes.map((close, i) => {
    const open = i === 0 ? close : closes[i - 1];
    return {
      start: new Date(start + i * step).toISOString(),
      open: text(open),
      high: text(Math.max(open, close) + spread),
      low: text(Math.min(open, close) - spread),
      close: text(close),
      volume,
      turnover: formatFixed(mul(parseFixed(text(close)), parseFixed(String(volume)))),
      closed: i < closes.length - 1,
    };
  });
}

export const line = (count: number, from: number, step: number): number[] => Array.from({ length: count }, (_, i) => from + step * i);


/** Orders' eight rules for a 100-share PETR4 buy at 38.5 on default limits, every one passing unless overridden. */
export function previewRules(over: Record<string, Partial<RuleOutcome>> = {}): RuleOutcome[] {
  const base: RuleOutcome[] = [
    { rule: 'TRADING_HOURS', passed: true, limit: '10:00–18:00', actual: '2026-11-26 11:00', message: null },
    { rule: 'KILL_SWITCH', passed: true, limit: 'inactive', actual: 'inactive', message: null },
    { rule: 'DAILY_LOSS', passed: true, limit: '10000', actual: '0', message: null },
    { rule: 'MAX_POSITION', passed: true, limit: '10000', actual: '100', message: null },
    { rule: 'MAX_ORDER_QUANTITY', passed: true, limit: '5000', actual: '100', message: null },
    { rule: 'MAX_ORDER_NOTIONAL', passed: true, limit: '1000000', actual: '3850', message: null },
    { rule: 'PRICE_BAND', passed: true, limit: '42.35', actual: '38.5', message: null },
    { rule: 'ORDER_RATE', passed: true, limit: '10', actual: '0', message: null },
  ];
  return base.map((r) => ({ ...r, ...(over[r.rule] ?? {}) }));
}

export const defaultAccount = (position = 0, dailyPnl = '0'): AccountRisk => ({
  limits: { dailyLossLimit: '10000', maxPositionPerSymbol: 10_000, maxOrderQuantity: 5_000, maxOrderNotional: '1000000' },
  position,
  dailyPnl,
});

export function reviewed(over: Record<string, Partial<RuleOutcome>> = {}, account: AccountRisk = defaultAccount()): DeskReview {
  const rules = previewRules(over);
  return { kind: 'REVIEWED', approved: rules.every((r) => r.passed), rules, account };
}

export function tradeSignal(over: Partial<TradeSignal> = {}): TradeSignal {
  return {
    id: '7f1c1f0e-8a0b-4c59-9d7e-2b7a2f1d0001',
    asset: 'PETR4',
    side: 'BUY',
    entryMin: '38',
    entryMax: '38.5',
    stop: '37',
    targets: ['40', '42'],
    status: 'OPEN',
    postedAt: new Date('2026-11-26T13:30:00Z'),
    ...over,
  };
}
