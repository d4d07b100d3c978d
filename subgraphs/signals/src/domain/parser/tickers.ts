import type { Magnitude } from './numbers';

/**
 * B3 ticker shapes, checked on one upper-case word at a time:
 *   shares PETR4 / VALE3, units and ETFs TAEE11 / BOVA11, BDRs AAPL34 / M1TA34, fractional PETR4F;
 *   options BOVAW32 / PETRH345 (root + series letter A–X + 2–3 digits);
 *   futures WINZ26 / WDOF27 (known root + month letter + 2 digits) and the continuous WINFUT / WDOFUT.
 * The root is four characters led by a letter with at most one digit (B3SA3, M1TA34).
 */
export type TickerClass = 'SHARE' | 'UNIT' | 'BDR' | 'OPTION' | 'FUTURE';

export interface TickerInfo {
  readonly symbol: string;
  readonly tickerClass: TickerClass;
  /** The futures root ("WIN") or the four-character company root ("PETR"). */
  readonly root: string;
}

const FUTURE_ROOTS = ['WIN', 'IND', 'WDO', 'DOL', 'WSP', 'ISP', 'BIT', 'WBT', 'WEU', 'EUR', 'ETH', 'DI1', 'DDI', 'DAP', 'FRC', 'CCM', 'BGI', 'ICF', 'SJC'];
const FUTURE = new RegExp(`^(${FUTURE_ROOTS.join('|')})[FGHJKMNQUVXZ]\\d{2}$`, 'u');
const CONTINUOUS_FUTURE = /^(WIN|IND|WDO|DOL)FUT$/u;
const SHARE_LIKE = /^([A-Z][A-Z0-9]{3})(3|4|5|6|7|8|11|3[1-5]|39)F?$/u;
const OPTION = /^([A-Z][A-Z0-9]{3})[A-X]\d{2,3}$/u;

/**
 * Words of the right shape that are not tickers: the vocabulary itself ("ALVO3", "STOP4", "META11") and
 * the coupon codes and hashtags promotional posts are full of ("COVID19", "BLACK50", "LUCRO10").
 */
const NOT_TICKERS = [
  'ALVO', 'STOP', 'GAIN', 'LOSS', 'META', 'TAKE', 'LOTE', 'HORA', 'FASE', 'TOPO', 'VAGA', 'AULA', 'LIVE', 'PASSO',
  'COVID', 'CUPOM', 'PROMO', 'BLACK', 'BONUS', 'SUPER', 'LUCRO', 'GANHO', 'NATAL', 'VERAO', 'FRETE', 'SALDO',
  'TURMA', 'PLANO', 'MODULO', 'SEMANA', 'TOP', 'VIP',
];

// Roots made of three letters and a digit are BDR-style (M1TA34, B3SA3); two digits is a word like "A1B2".
function isTickerRoot(root: string): boolean {
  return (root.match(/\d/gu) ?? []).length <= 1;
}

export function classifyTicker(word: string): TickerInfo | null {
  if (word.length < 5 || word.length > 8) return null;
  if (NOT_TICKERS.some((prefix) => word.startsWith(prefix))) return null;
  const continuous = CONTINUOUS_FUTURE.exec(word);
  if (continuous) return { symbol: word, tickerClass: 'FUTURE', root: continuous[1] as string };
  const future = FUTURE.exec(word);
  if (future) return { symbol: word, tickerClass: 'FUTURE', root: future[1] as string };
  const share = SHARE_LIKE.exec(word);
  if (share && isTickerRoot(share[1] as string)) {
    const series = share[2] as string;
    const tickerClass: TickerClass = series === '11' ? 'UNIT' : series.length === 2 ? 'BDR' : 'SHARE';
    return { symbol: word, tickerClass, root: share[1] as string };
  }
  const option = OPTION.exec(word);
  if (option && isTickerRoot(option[1] as string)) return { symbol: word, tickerClass: 'OPTION', root: option[1] as string };
  return null;
}

// Index, dollar, S&P, bitcoin and euro futures trade in the thousands of points; DI-style rate futures are
// quoted with three decimals ("13.455"). Everything else is settled by the message's other numbers.
const THOUSANDS_ROOTS = new Set(['WIN', 'IND', 'WDO', 'DOL', 'WSP', 'ISP', 'BIT', 'WBT', 'WEU', 'EUR', 'ETH']);
const THREE_DECIMAL_ROOTS = new Set(['DI1', 'DDI', 'DAP', 'FRC']);

export function magnitudeOf(ticker: TickerInfo | null): Magnitude {
  if (!ticker || ticker.tickerClass !== 'FUTURE') return null;
  if (THOUSANDS_ROOTS.has(ticker.root)) return 'GROUPED';
  if (THREE_DECIMAL_ROOTS.has(ticker.root)) return 'DECIMAL';
  return null;
}
