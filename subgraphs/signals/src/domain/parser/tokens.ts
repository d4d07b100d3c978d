import { MARK } from './text';
import { classifyTicker, type TickerInfo } from './tickers';

/** The masked message cut into numbers, tickers, words, line breaks and single symbols. */
export interface NumberToken {
  readonly type: 'number';
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  /** "Stop: -37,50": a minus glued to the number right after a field's ":" "=" or "(". */
  readonly negative: boolean;
  /** "+1,20": a plus sign marks a gain, not a price. */
  readonly plus: boolean;
  /** "125k", "125 mil". */
  readonly thousand: boolean;
  /** "300 pts", "1.000 pontos": maybe a distance rather than a price; the caller decides. */
  readonly points: boolean;
  /** "1)" in "Alvos: 1) 39,00 2) 40,00". */
  readonly enumerator: boolean;
}

export type Token =
  | NumberToken
  | { readonly type: 'ticker'; readonly start: number; readonly end: number; readonly ticker: TickerInfo; readonly hashtag: boolean }
  | { readonly type: 'word'; readonly start: number; readonly end: number; readonly text: string }
  | { readonly type: 'newline'; readonly start: number; readonly end: number }
  | { readonly type: 'symbol'; readonly start: number; readonly end: number; readonly text: string };

// The lookahead-then-backreference makes the number match atomic: "38,50R" is not split into "38" and more.
const TOKEN = /(?=(\d+(?:[.,]\d+)*))\1(K)?(?![A-Z0-9])|[A-Z0-9]+|\n|\S/gu;
const THOUSAND_WORDS = new Set(['MIL']);
const POINT_WORDS = new Set(['PTS', 'PT', 'PONTOS', 'PONTO', 'PTOS']);
const CURRENCY_WORDS = new Set(['REAIS', 'BRL']);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const hashtag = text[start - 1] === MARK.hashtag;
    const value = match[0];
    if (match[1] !== undefined) {
      if (hashtag) continue;
      tokens.push({
        type: 'number',
        start,
        end,
        raw: match[1],
        negative: /[:=(][ \t]*-$/u.test(text.slice(Math.max(0, start - 8), start)),
        plus: /\+[ \t]*$/u.test(text.slice(Math.max(0, start - 3), start)),
        thousand: match[2] !== undefined,
        points: false,
        enumerator: /^[1-9]$/u.test(match[1]) && text[end] === ')',
      });
      continue;
    }
    if (value === '\n') {
      tokens.push({ type: 'newline', start, end });
      continue;
    }
    if (/^[A-Z0-9]+$/u.test(value)) {
      const previous = tokens[tokens.length - 1];
      if (previous?.type === 'number' && !hashtag && attachUnit(tokens, previous, value, end)) continue;
      const ticker = classifyTicker(value);
      tokens.push(ticker ? { type: 'ticker', start, end, ticker, hashtag } : { type: 'word', start, end, text: value });
      continue;
    }
    tokens.push({ type: 'symbol', start, end, text: value });
  }
  return tokens;
}

/** Folds "mil", "pts" and "reais" into the number before them; true when the word was consumed. */
function attachUnit(tokens: Token[], number: NumberToken, word: string, end: number): boolean {
  const at = tokens.length - 1;
  if (THOUSAND_WORDS.has(word)) tokens[at] = { ...number, thousand: true, end };
  else if (POINT_WORDS.has(word)) tokens[at] = { ...number, points: true, end };
  else if (CURRENCY_WORDS.has(word)) tokens[at] = { ...number, end };
  else return false;
  return true;
}
