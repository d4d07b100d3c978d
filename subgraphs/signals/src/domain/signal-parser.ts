import { comparePrices } from '@b3/kit';
import { parseDecimalText } from './decimal-text';
import type { ParsedSignal, SignalDirection } from './signal';

/**
 * Reads Telegram-style signals such as
 *   "COMPRA PETR4 entrada 38,50 stop 37,90 alvo 39,80"
 *   "VENDA WINZ26 @ 125.000 stop 125.300 alvo 124.500"
 *   "BUY VALE3 entry 61.20 SL 60.50 TP 63.00"
 * The direction word must sit right next to the ticker (only punctuation, spaces or emoji between), which
 * keeps ordinary chat that merely mentions a ticker from becoming a signal. Levels are optional; when a
 * level is given twice (several targets, say) the first one counts. Case and accents do not matter.
 */
export type SignalParse = { ok: true; signal: ParsedSignal } | { ok: false; reason: string };

const DIRECTIONS: Readonly<Record<string, SignalDirection>> = {
  COMPRA: 'BUY',
  COMPRAR: 'BUY',
  BUY: 'BUY',
  LONG: 'BUY',
  VENDA: 'SELL',
  VENDER: 'SELL',
  SELL: 'SELL',
  SHORT: 'SELL',
};

// Shares, units and BDRs (PETR4, BOVA11, AAPL34, PETR4F), futures (WINZ26) and options (PETRA380).
const TICKER = '[A-Z]{4,5}\\d{1,3}F?';
const DIRECTION = `(?<![A-Z0-9])(${Object.keys(DIRECTIONS).join('|')})(?![A-Z0-9])`;
const GAP = '[^A-Z0-9]*';
const DIRECTION_THEN_TICKER = new RegExp(`${DIRECTION}${GAP}(?<![A-Z0-9])(${TICKER})(?![A-Z0-9])`);
const TICKER_THEN_DIRECTION = new RegExp(`(?<![A-Z0-9])(${TICKER})(?![A-Z0-9])${GAP}${DIRECTION}`);
const ANY_DIRECTION = new RegExp(DIRECTION, 'g');

const NUMBER = '(\\d+(?:[.,]\\d+)*)';

/** Keyword (optionally numbered: "TP1", "ALVO 2:"), an optional ":" "=" or "-", an optional "R$", then the number. */
function levelPattern(words: string[], symbols = ''): RegExp {
  const keyword = `(?<![A-Z0-9])(?:${words.join('|')})\\d?(?![A-Z0-9])`;
  const head = symbols ? `(?:${keyword}|${symbols})` : keyword;
  return new RegExp(`${head}(?:\\s+\\d\\s*[:=)\\-])?\\s*[:=\\-]?\\s*(?:R\\$\\s*)?${NUMBER}`);
}

const LEVELS = {
  entry: levelPattern(['ENTRADA', 'ENTRY', 'PRECO', 'PRICE'], '@'),
  stop: levelPattern(['STOP\\s*LOSS', 'STOP', 'SL']),
  target: levelPattern(['ALVOS?', 'TARGETS?', 'TP', 'GAIN', 'OBJETIVO']),
} as const;

type Level = keyof typeof LEVELS;

function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
}

function findAssetAndDirection(text: string): { asset: string; direction: SignalDirection } | null {
  const forward = DIRECTION_THEN_TICKER.exec(text);
  const backward = TICKER_THEN_DIRECTION.exec(text);
  if (forward && (!backward || forward.index <= backward.index)) return { asset: forward[2], direction: DIRECTIONS[forward[1]] };
  if (backward) return { asset: backward[1], direction: DIRECTIONS[backward[2]] };
  return null;
}

/** Levels must rise stop < entry < target for a BUY and fall for a SELL; this catches misread numbers too. */
function inconsistency({ direction, entry, stop, target }: ParsedSignal): string | null {
  const levels: Array<[string, string | null]> = [['stop', stop], ['entry', entry], ['target', target]];
  const present = levels.filter((level): level is [string, string] => level[1] !== null);
  const rising = direction === 'BUY' ? present : [...present].reverse();
  for (let i = 1; i < rising.length; i++) {
    const [[lowName, low], [highName, high]] = [rising[i - 1], rising[i]];
    if (comparePrices(low, high) >= 0) return `${lowName} ${low} must be below ${highName} ${high} for a ${direction}`;
  }
  return null;
}

export function parseSignalText(raw: string): SignalParse {
  const text = normalise(raw);
  const found = findAssetAndDirection(text);
  if (!found) return { ok: false, reason: 'expected a buy/sell word (COMPRA, VENDA, BUY, SELL…) right next to a B3 ticker' };
  const directions = new Set([...text.matchAll(ANY_DIRECTION)].map((m) => DIRECTIONS[m[1]]));
  if (directions.size > 1) return { ok: false, reason: 'the text says both buy and sell' };

  const levels: Record<Level, string | null> = { entry: null, stop: null, target: null };
  for (const level of Object.keys(LEVELS) as Level[]) {
    const match = LEVELS[level].exec(text);
    if (!match) continue;
    const parsed = parseDecimalText(match[1]);
    if (!parsed.ok) return { ok: false, reason: `${level}: ${parsed.problem}` };
    levels[level] = parsed.value;
  }

  const signal: ParsedSignal = { ...found, ...levels };
  const problem = inconsistency(signal);
  return problem ? { ok: false, reason: problem } : { ok: true, signal };
}
