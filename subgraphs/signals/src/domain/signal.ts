/** A trade signal received from an outside source (a Telegram channel, say), parsed on arrival. */
export type SignalId = string & { readonly __brand: 'SignalId' };

export const SIGNAL_DIRECTIONS = ['BUY', 'SELL'] as const;
export type SignalDirection = (typeof SIGNAL_DIRECTIONS)[number];

/** What the parser reads out of the text. Price levels are exact decimal strings; any may be absent. */
export interface ParsedSignal {
  asset: string;
  direction: SignalDirection;
  entry: string | null;
  stop: string | null;
  target: string | null;
}

export interface NewSignal extends ParsedSignal {
  source: string;
  rawText: string;
  receivedAt: Date;
  parsedAt: Date;
}

export interface Signal extends ParsedSignal {
  id: SignalId;
  source: string;
  rawText: string;
  receivedAt: Date;
}

export interface SignalInput {
  source: string;
  text: string;
}

export interface SignalIssue {
  field: keyof SignalInput;
  message: string;
}

export const MAX_TEXT_LENGTH = 4000;
const SOURCE = /^[\p{L}\p{N}@#._:\- ]{1,64}$/u;

/** Trims the input and lists every rule it breaks, before any parsing is attempted. */
export function checkSignalInput(input: SignalInput): { input: SignalInput; issues: SignalIssue[] } {
  const checked = { source: input.source.trim(), text: input.text.trim() };
  const issues: SignalIssue[] = [];
  if (!SOURCE.test(checked.source)) issues.push({ field: 'source', message: 'must be 1 to 64 letters, digits, spaces or @#._:-' });
  if (checked.text.length === 0 || checked.text.length > MAX_TEXT_LENGTH) {
    issues.push({ field: 'text', message: `must be 1 to ${MAX_TEXT_LENGTH} characters` });
  }
  return { input: checked, issues };
}
