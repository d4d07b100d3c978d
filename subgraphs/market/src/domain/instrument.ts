import { type TickerSymbol } from './trade';

export interface Instrument {
  symbol: TickerSymbol;
  exchange: string;
}

/** `SYMBOL:EXCHANGE` pairs, comma separated, e.g. "WINZ26:F,PETR4:B" (F = BMF futures, B = Bovespa). */
export function parseInstrumentList(raw: string): Instrument[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const [symbol, exchange = 'B'] = item.split(':');
      if (!/^[A-Z0-9]{4,12}$/.test(symbol) || !/^[A-Z]$/.test(exchange)) {
        throw new Error(`invalid instrument "${item}": expected SYMBOL:EXCHANGE like PETR4:B`);
      }
      return { symbol: symbol as TickerSymbol, exchange };
    });
}

export const DEFAULT_INSTRUMENTS = 'WINZ26:F,WDOZ26:F,PETR4:B,VALE3:B';
