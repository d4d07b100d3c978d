import { comparePrices } from '@b3/kit';
import type { ParsedSignal, SignalParse, SignalSide } from '../signal-parse';
import { readEntry, readStop, readTargets, MAX_FILLER_WORDS, type EntryRead } from './fields';
import { namedTickers, pickAsset, prepareMessage, type Field, type Message } from './message';
import { canonicalPrice, readNumber, resolveNumber, timesThousand, type Magnitude } from './numbers';
import { hasNoWords } from './text';
import { magnitudeOf, type TickerInfo } from './tickers';
import type { NumberToken, Token } from './tokens';
import { detectUpdate, type UpdateWording } from './updates';
import { detectKind, detectSide } from './vocabulary';

/**
 * Reads one Telegram message into a new signal, an update about an open signal, or nothing usable (with
 * the reason). Pure: the same text always gives the same answer.
 *
 * Decisions for the ambiguous cases:
 *   - "125.000" / "1,250" (one separator, three digits) are thousands for index, dollar and other
 *     points-quoted futures, decimals for DI rates, and otherwise whichever reading sits closest to the
 *     message's unambiguous prices; with none to compare, a decimal (see numbers.ts).
 *   - "até 38,50" alone is a single price: entryMin = entryMax = 38.5. "de 38 até 38,50" is a range.
 *   - A range written high first ("38,50 a 38,00") is refused, never swapped: a typo there may as well be
 *     in either number. Two prices joined by "e"/"ou" without "entre" are two entries, in any order.
 *   - Every stop must sit on the losing side of the whole entry range and every target on the winning
 *     side (BUY: stop < entryMin, targets > entryMax). Anything else is refused rather than trusted,
 *     because it usually means a misread number or a mistyped side, and an order placed from it would be
 *     wrong in a way nobody would notice.
 *   - A stop or target given in points ("stop 300 pts") is a distance, not a price, and is dropped when
 *     it is under a fifth of the entry.
 *   - Messages naming three or more tickers are summaries (results of the week), not one signal.
 */
export function parseSignal(text: string): SignalParse {
  if (text.trim() === '') return ignored('The message is empty.');
  const message = prepareMessage(text);
  if (hasNoWords(message.wording)) return ignored('The message has only emoji or symbols, no words or prices.');
  const tickers = namedTickers(message);
  if (tickers.length >= 3) return ignored(`The message names ${tickers.length} tickers; it reads as a summary, not one signal.`);

  const wording = detectUpdate(message.wording);
  if (wording?.strength === 'EVENT') return readUpdate(message, wording);
  const signal = readSignal(message);
  if (signal.status === 'SIGNAL') return signal;
  if (wording) return readUpdate(message, wording);
  if (message.stopMove) return ignored('The message moves a stop; that is not a new signal nor a supported update.');
  return signal;
}

function ignored(reason: string): SignalParse {
  return { status: 'IGNORED', reason };
}

// ---------------------------------------------------------------------------------------------------
// Signals

interface Levels {
  readonly entries: readonly EntryRead[];
  readonly targets: readonly NumberToken[];
  /** The stop and, after it, the fallbacks on its line (see readStop). */
  readonly stops: readonly NumberToken[];
}

/** Labels for 🎯 and 🛑 alone must be followed at once by the price; word labels allow a few fillers. */
const fillersFor = (field: Field): number => (field.label.emoji ? 0 : MAX_FILLER_WORDS);

function readTargetFields(fields: readonly Field[]): NumberToken[] {
  const items = fields
    .filter((field) => field.label.kind === 'TARGET')
    .map((field) => ({ index: field.label.index, values: readTargets(field.tokens, fillersFor(field)) }))
    .filter((item) => item.values.length > 0);
  const finals = items.filter((item) => item.index === 'FINAL');
  const others = items.filter((item) => item.index !== 'FINAL');
  // Numbered targets go by their number ("Alvo 2" written before "Alvo 1" is still second); a mix of
  // numbered and unnumbered ones keeps the order written. "Alvo final" is last wherever it appears.
  const numbered = others.every((item) => typeof item.index === 'number');
  const ordered = numbered ? [...others].sort((a, b) => (a.index as number) - (b.index as number)) : others;
  return [...ordered, ...finals].flatMap((item) => item.values);
}

function readEntries(message: Message, side: SignalSide): { entries: EntryRead[]; opposite: NumberToken[] } {
  const fields = message.fields.filter((field) => field.label.kind === 'ENTRY');
  const opposite = fields
    .filter((field) => field.label.side !== null && field.label.side !== side)
    .flatMap((field) => readTargets(field.tokens, 4));
  for (const rank of [1, 2, 3]) {
    const reads = fields
      .filter((field) => field.label.rank === rank && (field.label.side === null || field.label.side === side))
      .map((field) => readEntry(field.tokens, field.label.emoji ? 0 : MAX_FILLER_WORDS))
      .filter((read): read is EntryRead => read !== null);
    // Several "Entrada" lines are scaled entries ("1ª entrada 38,50 / 2ª entrada 37,80"); of side words
    // and bare "Preço" only the first counts, the rest is usually prose.
    if (reads.length > 0) return { entries: rank === 1 ? reads : reads.slice(0, 1), opposite };
  }
  return { entries: [], opposite };
}

/**
 * "PETR4 38,50 | Alvo 40 | Stop 37": a price right after the ticker, trusted only when the message also
 * has a labelled target or stop, so that "PETR4 38,50 hoje, subindo" stays commentary.
 */
function entryAfterTicker(message: Message, asset: TickerInfo): EntryRead | null {
  const at = message.tokens.findIndex((token) => token.type === 'ticker' && token.ticker.symbol === asset.symbol);
  return at < 0 ? null : readEntry(message.tokens.slice(at + 1), 0);
}

function readLevels(message: Message, side: SignalSide, asset: TickerInfo): Levels {
  const { entries, opposite } = readEntries(message, side);
  const labelledTargets = readTargetFields(message.fields);
  // "Compra: 38,50 | Venda: 42,00": the opposite side word names the exit, i.e. a target.
  const targets = labelledTargets.length > 0 ? labelledTargets : opposite;
  const stops = message.fields
    .filter((field) => field.label.kind === 'STOP')
    .map((field) => readStop(field.tokens, fillersFor(field)))
    .find((found) => found.length > 0) ?? [];
  if (entries.length === 0 && (targets.length > 0 || stops.length > 0)) {
    const adjacent = entryAfterTicker(message, asset);
    if (adjacent) return { entries: [adjacent], targets, stops };
  }
  return { entries, targets, stops };
}

/**
 * "Vale a pena compra de PETR4 a 38?" or "Entrada 38,50 stop 37?": a sentence ending in "?" that holds a
 * ticker or a price field. A "Dúvidas? Chame no privado" footer under a signal does not count.
 */
function asksQuestion(message: Message): boolean {
  const text = message.wording;
  const anchors = [
    ...message.labels.filter((label) => ['ENTRY', 'TARGET', 'STOP'].includes(label.kind)).map((label) => label.start),
    ...message.tokens.filter((token) => token.type === 'ticker').map((token) => token.start),
  ];
  for (const mark of text.matchAll(/\?/gu)) {
    const end = mark.index ?? 0;
    // The clause runs back to the previous line break, "|", "!", "?", ";" or a full stop, comma, dash or
    // slash followed by a space (not a decimal point, thousands separator or range).
    const before = text.slice(0, end);
    const start = ([...before.matchAll(/[\n|!?;•]|[.,\-/](?=\s)/gu)].pop()?.index ?? -1) + 1;
    if (anchors.some((at) => at >= start && at < end)) return true;
  }
  return false;
}

type Priced = { readonly ok: true; readonly price: string } | { readonly ok: false; readonly reason: string };

/** Turns tokens into canonical prices with one shared context, or the first reason one of them fails. */
function pricer(tokens: readonly NumberToken[], magnitude: Magnitude): (token: NumberToken, field: string) => Priced {
  const references = tokens.flatMap((token) => {
    const reading = readNumber(token.raw);
    return reading.kind === 'exact' ? [token.thousand ? timesThousand(reading.value) : reading.value] : [];
  });
  return (token, field) => {
    const plain = resolveNumber(readNumber(token.raw), magnitude, references);
    if (plain === null) return { ok: false, reason: `The ${field} "${token.raw}" is not a well-formed number.` };
    if (token.negative) return { ok: false, reason: `The ${field} is negative (-${token.raw}).` };
    const canonical = canonicalPrice(token.thousand ? timesThousand(plain) : plain);
    if (canonical.ok) return canonical;
    const problem = { NOT_POSITIVE: 'is zero', TOO_PRECISE: 'has more than 4 decimal places', TOO_LARGE: 'is too large', MALFORMED: 'is not a well-formed number' }[canonical.problem];
    return { ok: false, reason: `The ${field} "${token.raw}" ${problem}.` };
  };
}

function readSignal(message: Message): SignalParse {
  const asset = pickAsset(message);
  if (!asset) return ignored('No B3 ticker found in the message.');
  const side = detectSide(message.wording);
  const levels = readLevels(message, side, asset);
  if (levels.entries.length === 0) return ignored(`No entry price found for ${asset.symbol}.`);
  if (asksQuestion(message)) return ignored('The message asks a question; it is not a signal.');

  const entryTokens = levels.entries.flatMap((entry) => (entry.high ? [entry.low, entry.high] : [entry.low]));
  const all = [...entryTokens, ...levels.targets, ...levels.stops.slice(0, 1)];
  const price = pricer(all, magnitudeOf(asset));

  let entryMin: string | null = null;
  let entryMax: string | null = null;
  for (const entry of levels.entries) {
    const low = price(entry.low, 'entry');
    if (!low.ok) return ignored(low.reason);
    const high = entry.high ? price(entry.high, 'entry') : low;
    if (!high.ok) return ignored(high.reason);
    if (entry.ordered && comparePrices(low.price, high.price) > 0) {
      return ignored(`The entry range is inverted (${low.price} to ${high.price}); the low end must come first.`);
    }
    const [lo, hi] = comparePrices(low.price, high.price) <= 0 ? [low.price, high.price] : [high.price, low.price];
    entryMin = entryMin === null || comparePrices(lo, entryMin) < 0 ? lo : entryMin;
    entryMax = entryMax === null || comparePrices(hi, entryMax) > 0 ? hi : entryMax;
  }
  if (entryMin === null || entryMax === null) return ignored(`No entry price found for ${asset.symbol}.`);

  // Magnitudes only: the float comparison decides whether "300 pts" is a distance, never a stored value.
  const isDistance = (token: NumberToken, value: string): boolean => token.points && Number(value) < Number(entryMin) / 5;
  const targets: string[] = [];
  for (const token of levels.targets) {
    const target = price(token, 'target');
    if (!target.ok) return ignored(target.reason);
    if (!isDistance(token, target.price)) targets.push(target.price);
  }
  let stop: string | null = null;
  for (const token of levels.stops) {
    const read = price(token, 'stop');
    if (!read.ok) return ignored(read.reason);
    if (isDistance(token, read.price)) continue;
    stop = read.price;
    break;
  }

  const signal: ParsedSignal = { asset: asset.symbol, side, kind: detectKind(message.wording), entryMin, entryMax, targets, stop };
  const problem = wrongSide(signal);
  return problem ? ignored(problem) : { status: 'SIGNAL', signal };
}

/** BUY: stop below the whole entry range, targets above it; SELL the mirror image. */
function wrongSide({ side, entryMin, entryMax, targets, stop }: ParsedSignal): string | null {
  const buy = side === 'BUY';
  if (stop !== null && (buy ? comparePrices(stop, entryMin) >= 0 : comparePrices(stop, entryMax) <= 0)) {
    return `The stop ${stop} is ${buy ? 'not below' : 'not above'} the entry ${buy ? entryMin : entryMax} for a ${side}.`;
  }
  const wrong = targets.find((target) => (buy ? comparePrices(target, entryMax) <= 0 : comparePrices(target, entryMin) >= 0));
  if (wrong !== undefined) return `The target ${wrong} is ${buy ? 'not above' : 'not below'} the entry ${buy ? entryMax : entryMin} for a ${side}.`;
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Updates

// "R$ 350 de lucro", "1,20 de ganho": an amount won or lost, not a price.
const MONEY_RESULT = /^[ \t]*(?:DE[ \t]+)?(?:LUCRO|PREJUIZO|GANHO|PERDA|RESULTADO)(?![A-Z])/u;
const inside = (token: Token, span: { start: number; end: number }): boolean => token.start < span.end && span.start < token.end;

/** "Lucro: 150", "Risco de 2": only the metric's own value, right after it, is not a price. */
function metricValue(tokens: readonly Token[]): NumberToken[] {
  for (const token of tokens) {
    if (token.type === 'number') return [token];
    if (token.type !== 'symbol' && !(token.type === 'word' && ['DE', 'DO', 'DA'].includes(token.text))) return [];
  }
  return [];
}

/**
 * The first price an update states ("Alvo 1 atingido em 39,00", "Stopado a 37,50"), skipping label
 * numbers ("ALVO 2"), the original entry ("Entrada: 38,50"), gains ("+1,20", "300 pts") and fields that
 * are not prices ("Lucro: 150").
 */
function updatePrice(message: Message, asset: TickerInfo | null, wording: UpdateWording): string | null {
  // "alvo 1 atingido, mantendo para o alvo 2 (40,50)": the next target's price is not what was reached.
  const otherTarget = (field: Field): boolean =>
    wording.kind === 'TARGET_HIT' && field.label.kind === 'TARGET' && typeof field.label.index === 'number' && field.label.index !== wording.targetNumber;
  const excluded = new Set(
    message.fields.filter((field) => (field.label.kind === 'ENTRY' && field.label.rank === 1) || otherTarget(field)).flatMap((field) => field.tokens),
  );
  const metricValues = message.fields.flatMap((field) => (field.label.kind === 'METRIC' ? metricValue(field.tokens) : []));
  const candidates = message.tokens.filter(
    (token): token is NumberToken =>
      token.type === 'number' &&
      !token.plus &&
      !token.points &&
      !token.negative &&
      !token.enumerator &&
      !message.labels.some((label) => inside(token, label)) &&
      !(wording.numberSpan && inside(token, wording.numberSpan)) &&
      !excluded.has(token) &&
      !metricValues.includes(token) &&
      !MONEY_RESULT.test(message.masked.slice(token.end, token.end + 20)),
  );
  const price = pricer(candidates, magnitudeOf(asset));
  for (const token of candidates) {
    const read = price(token, 'price');
    if (read.ok) return read.price;
  }
  return null;
}

function readUpdate(message: Message, wording: UpdateWording): SignalParse {
  const asset = pickAsset(message);
  return {
    status: 'UPDATE',
    update: { asset: asset?.symbol ?? null, kind: wording.kind, targetNumber: wording.targetNumber, price: updatePrice(message, asset, wording) },
  };
}
