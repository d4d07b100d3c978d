import { leadingTicker } from './fields';
import { maskNoise } from './noise';
import { normalizeText } from './text';
import type { TickerInfo } from './tickers';
import { tokenize, type Token } from './tokens';
import { blankPhrases, findLabels, type Label } from './vocabulary';

/** One labelled field: the label and the tokens up to the next label. */
export interface Field {
  readonly label: Label;
  readonly tokens: readonly Token[];
}

/** A message taken apart once, for both the signal and the update readers. */
export interface Message {
  /** Normalized, with misleading phrases blanked; percentages and dates still in (update wording needs them). */
  readonly wording: string;
  /** The same text with dates, times, percentages, counts and phone numbers blanked out. */
  readonly masked: string;
  readonly labels: readonly Label[];
  /** Every token, label words included; fields hold only the tokens between labels. */
  readonly tokens: readonly Token[];
  readonly fields: readonly Field[];
  /** The message talks about moving the stop ("subir o stop para 38,50", "stop na entrada"). */
  readonly stopMove: boolean;
}

export function prepareMessage(raw: string): Message {
  const { text: wording, stopMove } = blankPhrases(normalizeText(raw));
  const labels = findLabels(wording);
  const masked = maskNoise(wording, labels);
  const tokens = tokenize(masked);
  const fields = labels.map((label, i) => {
    const until = labels[i + 1]?.start ?? Number.POSITIVE_INFINITY;
    return { label, tokens: tokens.filter((token) => token.start >= label.end && token.start < until) };
  });
  return { wording, masked, labels, tokens, fields, stopMove };
}

/** Distinct tickers the message names outside hashtags. */
export function namedTickers(message: Message): string[] {
  const symbols = message.tokens.flatMap((token) => (token.type === 'ticker' && !token.hashtag ? [token.ticker.symbol] : []));
  return [...new Set(symbols)];
}

/**
 * The asset: the one an "Ativo:" field names, else the one right after an entry or side word
 * ("COMPRA PETR4"), else the first ticker named, else the first hashtag ticker ("#PETR4").
 */
export function pickAsset(message: Message): TickerInfo | null {
  const fromField = (kinds: ReadonlyArray<Label['kind']>): TickerInfo | null => {
    for (const field of message.fields) {
      if (!kinds.includes(field.label.kind) || (field.label.kind === 'ENTRY' && field.label.rank > 2)) continue;
      const ticker = leadingTicker(field.tokens);
      if (ticker) return ticker;
    }
    return null;
  };
  const first = (hashtag: boolean): TickerInfo | null => {
    const token = message.tokens.find((candidate) => candidate.type === 'ticker' && candidate.hashtag === hashtag);
    return token?.type === 'ticker' ? token.ticker : null;
  };
  const picked = fromField(['ASSET']) ?? fromField(['ENTRY']) ?? first(false) ?? first(true);
  // "BOVA11 – opção BOVAX125": a message naming an option and its underlying trades the option.
  if (!picked || picked.tickerClass === 'OPTION') return picked;
  const option = message.tokens.find((token) => token.type === 'ticker' && token.ticker.tickerClass === 'OPTION' && token.ticker.root === picked.root);
  return option?.type === 'ticker' ? option.ticker : picked;
}
