/**
 * What the parser reads out of one message: a new signal, an update about an open one, or nothing usable
 * (with the reason). Prices are exact decimal text in canonical form ("38.5", "125000"), never floats.
 */

export const SIGNAL_SIDES = ['BUY', 'SELL'] as const;
export type SignalSide = (typeof SIGNAL_SIDES)[number];

/** Only when the message states it. */
export const SIGNAL_KINDS = ['SWING', 'DAY', 'POSITION'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export interface ParsedSignal {
  /** Upper case B3 ticker: PETR4, TAEE11, AAPL34, BOVAW32, PETRH345, WINZ26. */
  readonly asset: string;
  readonly side: SignalSide;
  readonly kind: SignalKind | null;
  /** A single entry price has entryMin = entryMax; a range "38,00 a 38,50" is ordered low, high. */
  readonly entryMin: string;
  readonly entryMax: string;
  /** In order: Alvo 1, Alvo 2, …, "Alvo final" last; TP1, TP2… */
  readonly targets: readonly string[];
  readonly stop: string | null;
}

export const UPDATE_KINDS = ['TARGET_HIT', 'STOPPED', 'PARTIAL_EXIT', 'CANCELED', 'CLOSED'] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

export interface ParsedUpdate {
  /** The asset named in the update, when it names one. */
  readonly asset: string | null;
  readonly kind: UpdateKind;
  /** "ALVO 2 ATINGIDO" → 2; null when not numbered. */
  readonly targetNumber: number | null;
  /** A price the update states (exit price, new stop…), if any. */
  readonly price: string | null;
}

export type SignalParse =
  | { readonly status: 'SIGNAL'; readonly signal: ParsedSignal }
  | { readonly status: 'UPDATE'; readonly update: ParsedUpdate }
  | { readonly status: 'IGNORED'; readonly reason: string };
