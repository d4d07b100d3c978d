import type { Sender } from '@questdb/nodejs-client';
import { priceToUnits } from '../domain/price-units';
import type { Trade } from '../domain/trade';
import { epochMs as epochMsOf } from '../domain/utc-time';

/**
 * ILP side of the QuestDB tick store: the sender's configuration string and the encoding of one trade
 * as one row. Column names and types must match createTradesTableSql (questdb-sql.ts).
 */

interface ConfigEntry {
  key: string;
  value: string;
}

/** `protocol::key=value;key=value;` where `;;` inside a value is a literal semicolon. */
function parseConfig(config: string): { protocol: string; entries: ConfigEntry[] } {
  const split = config.indexOf('::');
  if (split < 0) throw new Error(`QuestDB ILP config must look like "http::addr=host:9000", got "${config}"`);
  const protocol = config.slice(0, split);
  const entries: ConfigEntry[] = [];
  let current = '';
  const rest = config.slice(split + 2);
  const push = () => {
    if (current === '') return;
    const equals = current.indexOf('=');
    if (equals < 1) throw new Error(`QuestDB ILP config: "${current}" is not key=value`);
    entries.push({ key: current.slice(0, equals), value: current.slice(equals + 1) });
    current = '';
  };
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] !== ';') current += rest[i];
    else if (rest[i + 1] === ';') {
      current += ';';
      i++;
    } else push();
  }
  push();
  return { protocol, entries };
}

/** Auto-flush keys belong to the store: it counts buffered rows and runs its own flush timer. */
const STORE_OWNED_KEYS = ['auto_flush', 'auto_flush_rows', 'auto_flush_interval'];

/**
 * The sender configuration the store uses: HTTP only (QuestDB answers each flush, so failures surface),
 * the client's auto-flush off, and `protocol_version=1` unless the caller chose one: the client's
 * default asks `/settings` for the versions, which does not work against QuestDB 8.x, and our rows
 * (integers, symbols, booleans) are the same text in v1 and v2.
 */
export function ilpSenderConfig(config: string): string {
  const { protocol, entries } = parseConfig(config.trim());
  if (protocol !== 'http' && protocol !== 'https') throw new Error(`QuestDB ILP config: protocol must be http or https, got "${protocol}"`);
  const owned = entries.find((e) => STORE_OWNED_KEYS.includes(e.key));
  if (owned) throw new Error(`QuestDB ILP config: "${owned.key}" is set by the tick store; use its flushRows / flushIntervalMs options`);
  const all = [...entries, { key: 'auto_flush', value: 'off' }];
  if (!entries.some((e) => e.key === 'protocol_version')) all.push({ key: 'protocol_version', value: '1' });
  return `${protocol}::${all.map((e) => `${e.key}=${e.value.replaceAll(';', ';;')}`).join(';')};`;
}

/** One trade, checked and converted before anything reaches the sender's buffer. */
export interface IlpTradeRow {
  symbol: string;
  exchange: string;
  aggressor: string;
  tradeNumber: number;
  priceUnits: number;
  quantity: number;
  isEdit: boolean;
  epochMicros: bigint;
}

function safeInteger(value: number | bigint, what: string, trade: Trade): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} of trade ${trade.symbol} #${trade.tradeNumber} is not a safe integer: ${value}`);
  return n;
}

/**
 * Throws on a trade the row cannot hold. Done for a whole batch before writing any of it: a row left
 * half-written in the sender's buffer would corrupt every row after it.
 */
export function ilpTradeRow(trade: Trade): IlpTradeRow {
  const epochMs = epochMsOf(trade.time);
  if (!Number.isFinite(epochMs)) throw new RangeError(`trade ${trade.symbol} #${trade.tradeNumber} has an invalid time "${trade.time}"`);
  if (trade.symbol === '' || trade.exchange === '') throw new RangeError(`trade #${trade.tradeNumber} has an empty symbol or exchange`);
  return {
    symbol: trade.symbol,
    exchange: trade.exchange,
    aggressor: trade.aggressor,
    tradeNumber: safeInteger(trade.tradeNumber, 'trade number', trade),
    // the ILP client takes LONG columns as JS numbers: 2^53 units is 900 billion per share, far above any price
    priceUnits: safeInteger(priceToUnits(trade.price), 'price', trade),
    quantity: safeInteger(trade.quantity, 'quantity', trade),
    isEdit: trade.isEdit,
    epochMicros: BigInt(epochMs) * 1000n,
  };
}

/**
 * Writes one complete row synchronously (the returned promise is only the client's auto-flush check,
 * which is off), so rows from concurrent appends never interleave.
 */
export function writeIlpTradeRow(sender: Sender, table: string, row: IlpTradeRow): Promise<void> {
  return sender
    .table(table)
    .symbol('symbol', row.symbol)
    .symbol('exchange', row.exchange)
    .symbol('aggressor', row.aggressor)
    .intColumn('trade_number', row.tradeNumber)
    .intColumn('price', row.priceUnits)
    .intColumn('quantity', row.quantity)
    .booleanColumn('is_edit', row.isEdit)
    .at(row.epochMicros, 'us');
}
