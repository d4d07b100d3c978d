import type { Aggressor, BridgeTrade } from '../market-data.types';
import type { ConnectorTrade, SystemTime } from './profit.types';

export const TC_IS_EDIT = 1;
/** Last trade of a history request (history callback only). */
export const TC_LAST_PACKET = 2;

const AGGRESSOR_BY_TRADE_TYPE: Record<number, Aggressor> = { 1: 'CROSS', 2: 'BUY', 3: 'SELL', 4: 'AUCTION' };

export function aggressorOf(tradeType: number): Aggressor {
  return AGGRESSOR_BY_TRADE_TYPE[tradeType] ?? 'UNKNOWN';
}

/** A tick like "0.5" as integer units at a decimal scale: 5 units of 10^-1. */
export interface TickGrid {
  units: number;
  decimals: number;
}

/** Used when the instrument's tick is unknown: 8 decimals, trailing zeros trimmed. */
const FALLBACK_GRID: TickGrid = { units: 1, decimals: 8 };

export function tickGrid(tick: string): TickGrid {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(tick);
  const units = match ? Number(`${match[1]}${match[2] ?? ''}`) : 0;
  if (!match || units <= 0) throw new RangeError(`Invalid tick size "${tick}"`);
  return { units, decimals: match[2]?.length ?? 0 };
}

/**
 * Snaps a DLL double onto the tick grid and renders it with integer arithmetic, so float artefacts such as
 * 38.010000000000005 never leave the bridge.
 */
export function formatPrice(price: number, grid: TickGrid | undefined): string {
  const { units, decimals } = grid ?? FALLBACK_GRID;
  const minor = Math.round((price * 10 ** decimals) / units) * units;
  const digits = Math.abs(minor).toString().padStart(decimals + 1, '0');
  let text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  if (!grid && decimals > 0) text = text.replace(/\.?0+$/, '');
  return minor < 0 ? `-${text}` : text;
}

const SAO_PAULO_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Sao_Paulo',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});
const HOUR_MS = 3_600_000;
const offsetByLocalHour = new Map<number, number>();

/** São Paulo wall-clock fields (year, month, day, hour, minute, second) of a UTC instant. */
function saoPauloParts(utcMs: number): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const p of SAO_PAULO_PARTS.formatToParts(utcMs)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts;
}

/** UTC offset of São Paulo (ms, local minus UTC) at a UTC instant. */
function saoPauloOffsetAt(utcMs: number): number {
  const parts = saoPauloParts(utcMs);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return local - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The DLL stamps trades in exchange-local wall time (ABI.md §1.6). The tz database resolves the offset, so
 * historical DST periods convert correctly; offsets are cached per local hour because Intl is slow.
 */
export function saoPauloToUtcIso(t: SystemTime): string {
  const local = Date.UTC(t.wYear, t.wMonth - 1, t.wDay, t.wHour, t.wMinute, t.wSecond, t.wMilliseconds);
  const hour = Math.floor(local / HOUR_MS);
  let offset = offsetByLocalHour.get(hour);
  if (offset === undefined) {
    offset = saoPauloOffsetAt(local - saoPauloOffsetAt(local));
    if (offsetByLocalHour.size > 10_000) offsetByLocalHour.clear();
    offsetByLocalHour.set(hour, offset);
  }
  return new Date(local - offset).toISOString();
}

export interface RawTrade {
  ticker: string;
  exchange: string;
  flags: number;
  trade: ConnectorTrade;
  /** process.hrtime.bigint() clock at the DLL's callback, for latency accounting. */
  callbackAtNs?: bigint;
}

export function toBridgeTrade(raw: RawTrade, grid: TickGrid | undefined): BridgeTrade {
  const t = raw.trade;
  return {
    symbol: raw.ticker,
    exchange: raw.exchange,
    price: formatPrice(t.Price, grid),
    quantity: Number(t.Quantity),
    tradeNumber: t.TradeNumber,
    aggressor: aggressorOf(t.TradeType),
    time: saoPauloToUtcIso(t.TradeDate),
    isEdit: (raw.flags & TC_IS_EDIT) !== 0,
  };
}

const DLL_DATE = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/** The legacy callbacks' `DD/MM/YYYY HH:mm:SS.ZZZ` (exchange local time, ABI.md §1.6); null when malformed. */
export function parseDllDate(text: string): SystemTime | null {
  const m = DLL_DATE.exec(text.trim());
  if (!m) return null;
  const [day, month, year, hour, minute, second] = m.slice(1, 7).map(Number);
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { wYear: year, wMonth: month, wDayOfWeek: weekday, wDay: day, wHour: hour, wMinute: minute, wSecond: second, wMilliseconds: ms };
}

const two = (n: number) => String(n).padStart(2, '0');

/** GetHistoryTrades takes exchange-local `DD/MM/YYYY HH:mm:SS` (ABI.md §6.4, always the full form: §11 row 21). */
export function toDllDateTime(instant: Date): string {
  const p = saoPauloParts(instant.getTime());
  return `${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}
