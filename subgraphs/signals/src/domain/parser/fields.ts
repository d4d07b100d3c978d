import { MARK } from './text';
import type { TickerInfo } from './tickers';
import type { NumberToken, Token } from './tokens';

/**
 * Reads one field's value out of the tokens between its label and the next label. The value must come
 * soon: a few filler words on the label's own line ("Stop no fechamento abaixo de 37,50", "Compra PETR4
 * acima de 38,50") or only symbols and line breaks ("Alvos:\n39\n40"). A field that wanders into a new
 * line of prose has no value, which keeps footers ("Boa sorte! 2024 foi nosso ano") out of the prices.
 */

export const MAX_FILLER_WORDS = 6;

interface Lead {
  readonly index: number;
  readonly fillers: readonly string[];
}

function leadingNumber(tokens: readonly Token[], maxWords: number): Lead | null {
  const fillers: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    if (token.type === 'number') {
      if (token.enumerator || token.plus) continue;
      return { index, fillers };
    }
    if (token.type === 'newline' && fillers.length > 0) return null;
    if (token.type === 'word') {
      fillers.push(token.text);
      // Articles and prepositions ("abaixo da mínima do candle") do not count against the limit.
      if (fillers.filter((word) => word.length > 2).length > maxWords) return null;
    }
  }
  return null;
}

export interface EntryRead {
  readonly low: NumberToken;
  /** The second number of "38,00 a 38,50"; null for a single price. */
  readonly high: NumberToken | null;
  /**
   * True for range syntax ("a", "-", "/", "até", "entre … e …"), whose order must be low then high;
   * false for "38,50 e 38,00" or "ou", which lists two entry prices in any order.
   */
  readonly ordered: boolean;
}

const RANGE_SYMBOLS = new Set(['-', '/', '~']);
const RANGE_WORDS = new Set(['A', 'AO', 'ATE']);
const LIST_WORDS = new Set(['E', 'OU']);

/**
 * "38,50", "entre 38,00 e 38,50", "38,00 a 38,50", "38,00 - 38,50", "38,00/38,50", "de 38 até 38,50".
 * "até 38,50" on its own is a single price: the filler word "até" comes before the only number.
 */
export function readEntry(tokens: readonly Token[], maxWords = MAX_FILLER_WORDS): EntryRead | null {
  const lead = leadingNumber(tokens, maxWords);
  if (!lead) return null;
  const low = tokens[lead.index] as NumberToken;
  const connector = tokens[lead.index + 1];
  const next = tokens[lead.index + 2];
  if (!connector || next?.type !== 'number' || next.enumerator || next.plus) return { low, high: null, ordered: false };
  const text = connector.type === 'symbol' || connector.type === 'word' ? connector.text : '';
  const between = lead.fillers.includes('ENTRE');
  if (RANGE_SYMBOLS.has(text) || RANGE_WORDS.has(text) || (text === 'E' && between)) return { low, high: next, ordered: true };
  if (LIST_WORDS.has(text)) return { low, high: next, ordered: false };
  return { low, high: null, ordered: false };
}

/**
 * The stop price, and after it the other numbers on its line: when the first is a distance ("stop 200 pts
 * abaixo (127.100)") the caller falls back on the next.
 */
export function readStop(tokens: readonly Token[], maxWords = MAX_FILLER_WORDS): NumberToken[] {
  const lead = leadingNumber(tokens, maxWords);
  if (!lead) return [];
  const rest = tokens.slice(lead.index + 1);
  const lineEnd = rest.findIndex((token) => token.type === 'newline');
  const sameLine = lineEnd < 0 ? rest : rest.slice(0, lineEnd);
  return [tokens[lead.index] as NumberToken, ...sameLine.filter((token): token is NumberToken => token.type === 'number' && !token.plus && !token.enumerator)];
}

const JOINER_SYMBOLS = new Set(['/', '-', '|', ';', ',', '(', ')', '[', ']', '•', '·', '→', '>', '~', ':', '=', '.', MARK.bullet, MARK.check]);
const JOINER_WORDS = new Set(['E', 'OU', 'A', 'ATE']);

/**
 * "39,00", "39 / 40 / 41", "39; 40 e 41", "1) 39 2) 40", one per line: every number joined by list
 * punctuation, up to the first word that is not a list joiner.
 */
export function readTargets(tokens: readonly Token[], maxWords = MAX_FILLER_WORDS): NumberToken[] {
  const lead = leadingNumber(tokens, maxWords);
  if (!lead) return [];
  const values: NumberToken[] = [tokens[lead.index] as NumberToken];
  // Words in brackets are remarks ("39,50 (parcial) e 41,00 (final)"), not the end of the list.
  let bracketed = 0;
  for (const token of tokens.slice(lead.index + 1)) {
    if (token.type === 'symbol' && (token.text === '(' || token.text === ')')) {
      bracketed = Math.max(0, bracketed + (token.text === '(' ? 1 : -1));
    } else if (token.type === 'number') {
      if (!token.enumerator && !token.plus) values.push(token);
    } else if (token.type === 'newline') {
      bracketed = 0;
    } else if (bracketed > 0) {
      continue;
    } else if (token.type === 'ticker') {
      break;
    } else if (token.type === 'symbol' && !JOINER_SYMBOLS.has(token.text)) {
      break;
    } else if (token.type === 'word' && !JOINER_WORDS.has(token.text)) {
      break;
    }
  }
  return values;
}

/** The first ticker named before the field's first number ("Ativo: PETR4", "Compra VALE3 a 61,20"). */
export function leadingTicker(tokens: readonly Token[]): TickerInfo | null {
  for (const token of tokens) {
    if (token.type === 'number') return null;
    if (token.type === 'ticker' && !token.hashtag) return token.ticker;
  }
  return null;
}
