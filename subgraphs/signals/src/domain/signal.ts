import type { ParsedSignal, ParsedUpdate, SignalKind, SignalSide, UpdateKind } from './signal-parse';

/**
 * Signals, the channels they come from and the raw message log, as plain records; and the pure rules for
 * how a signal's status moves: by the channel's follow-ups (updates) and by market prices, plus expiry,
 * which is derived when read rather than stored (it depends only on the clock).
 */

export type SignalId = string & { readonly __brand: 'SignalId' };
export type ChannelId = string & { readonly __brand: 'ChannelId' };
export type MessageRowId = string & { readonly __brand: 'MessageRowId' };

export const STORED_SIGNAL_STATUSES = ['OPEN', 'HIT_TARGET', 'STOPPED', 'CANCELED', 'CLOSED'] as const;
export type StoredSignalStatus = (typeof STORED_SIGNAL_STATUSES)[number];
/** What clients see: the stored status, or EXPIRED for an open signal past its validity. */
export const SIGNAL_STATUSES = [...STORED_SIGNAL_STATUSES, 'EXPIRED'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

export const MESSAGE_STATUSES = ['RECEIVED', 'PARSED', 'IGNORED', 'FAILED'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface Channel {
  readonly id: ChannelId;
  readonly chatId: string;
  readonly title: string;
  readonly username: string | null;
  readonly enabled: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

export interface MessageRecord {
  readonly id: MessageRowId;
  readonly channelId: ChannelId;
  readonly messageId: number;
  readonly sentAt: Date;
  readonly editedAt: Date | null;
  readonly text: string;
  /** Telegram message id this one replies to, if any. */
  readonly replyTo: number | null;
  readonly status: MessageStatus;
  readonly reason: string | null;
  readonly version: number;
  readonly receivedAt: Date;
  readonly updatedAt: Date;
}

export interface Signal extends Omit<ParsedSignal, 'targets'> {
  readonly id: SignalId;
  readonly channelId: ChannelId;
  readonly messageRowId: MessageRowId;
  readonly targets: readonly string[];
  readonly status: StoredSignalStatus;
  /** Highest target number reached (0: none yet). */
  readonly targetsHit: number;
  readonly postedAt: Date;
  /** From then on an OPEN signal reads as EXPIRED (see expiresAt()). */
  readonly expiresAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export interface SignalUpdateRecord {
  readonly signalId: SignalId;
  readonly messageRowId: MessageRowId;
  readonly kind: UpdateKind;
  readonly targetNumber: number | null;
  readonly price: string | null;
  readonly at: Date;
}

/** Why a signal changed, for its history. */
export type RevisionCause = 'EDIT' | 'UPDATE' | 'MARKET';

/** The fields a revision keeps of the signal it replaced. */
export type SignalSnapshot = Pick<Signal, 'asset' | 'side' | 'kind' | 'entryMin' | 'entryMax' | 'targets' | 'stop' | 'status' | 'targetsHit'>;

export const snapshotOf = (s: Signal): SignalSnapshot => ({
  asset: s.asset,
  side: s.side,
  kind: s.kind,
  entryMin: s.entryMin,
  entryMax: s.entryMax,
  targets: [...s.targets],
  stop: s.stop,
  status: s.status,
  targetsHit: s.targetsHit,
});

/** Statuses after which neither updates nor prices move a signal. */
const FINISHED: readonly StoredSignalStatus[] = ['STOPPED', 'CANCELED', 'CLOSED'];
export const isLive = (status: StoredSignalStatus): boolean => !FINISHED.includes(status);

/**
 * How long a signal stays valid when nothing closes it: a day trade until the end of its São Paulo
 * trading day, anything else `days` days (SIGNALS_EXPIRY_DAYS, default 30).
 */
export function expiresAt(signal: Pick<Signal, 'kind' | 'postedAt'>, days: number): Date {
  if (signal.kind === 'DAY') {
    // End of the São Paulo day the signal was posted (UTC−3; B3 has had no daylight saving since 2019).
    const local = new Date(signal.postedAt.getTime() - 3 * 3_600_000);
    return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1) + 3 * 3_600_000);
  }
  return new Date(signal.postedAt.getTime() + days * 86_400_000);
}

/** The status a client sees at `now`. */
export function effectiveStatus(signal: Pick<Signal, 'status' | 'expiresAt'>, now: Date): SignalStatus {
  return signal.status === 'OPEN' && now >= signal.expiresAt ? 'EXPIRED' : signal.status;
}

/** A new OPEN signal read from a message. */
export function newSignal(
  parsed: ParsedSignal,
  ids: { id: SignalId; channelId: ChannelId; messageRowId: MessageRowId },
  postedAt: Date,
  expiryDays: number,
): Signal {
  const base = { ...parsed, ...ids, targets: [...parsed.targets], status: 'OPEN' as const, targetsHit: 0, postedAt, updatedAt: postedAt, version: 1 };
  return { ...base, expiresAt: expiresAt(base, expiryDays) };
}

/** The signal after its message was edited to read `parsed`: levels replaced, progress kept. */
export function editSignal(signal: Signal, parsed: ParsedSignal, at: Date, expiryDays: number): Signal {
  const edited = { ...signal, ...parsed, targets: [...parsed.targets], targetsHit: Math.min(signal.targetsHit, parsed.targets.length), updatedAt: at, version: signal.version + 1 };
  return { ...edited, expiresAt: expiresAt(edited, expiryDays) };
}

/**
 * The signal after a follow-up from its channel; null when the update changes nothing (e.g. a partial
 * exit, or anything on a finished signal). "Alvo final" without a number counts as the last target.
 */
export function applyUpdate(signal: Signal, update: ParsedUpdate, at: Date): Signal | null {
  if (!isLive(signal.status)) return null;
  const next = (changes: Partial<Signal>): Signal => ({ ...signal, ...changes, updatedAt: at, version: signal.version + 1 });
  switch (update.kind) {
    case 'TARGET_HIT': {
      const reached = Math.max(signal.targetsHit, update.targetNumber ?? Math.max(1, signal.targets.length));
      return reached === signal.targetsHit && signal.status === 'HIT_TARGET' ? null : next({ status: 'HIT_TARGET', targetsHit: reached });
    }
    case 'STOPPED':
      // A stop after a target was reached still ends the signal: the rest of the position went out at the stop.
      return next({ status: 'STOPPED' });
    case 'CANCELED':
      return next({ status: 'CANCELED' });
    case 'CLOSED':
      return next({ status: 'CLOSED' });
    case 'PARTIAL_EXIT':
      return null;
  }
}

const SCALE = 4;
/** Decimal text → integer units of 1/10,000, so comparisons never go through a float. */
function units(price: string): bigint {
  const [int, frac = ''] = price.split('.');
  return BigInt(int + frac.padEnd(SCALE, '0').slice(0, SCALE));
}

/**
 * The signal after trades between `low` and `high` (one batch of the feed): the stop reached sets STOPPED,
 * targets reached in order set HIT_TARGET and how many. Levels count from the moment of posting: channels
 * rarely say whether they got in. When one batch touches both the stop and a target, the stop wins: the
 * order of the prints inside a batch is not known, and the cautious reading is the one a trader can trust.
 */
export function applyMarketRange(signal: Signal, low: string, high: string, at: Date): Signal | null {
  if (!isLive(signal.status)) return null;
  const buy = signal.side === 'BUY';
  const adverse = units(buy ? low : high);
  const favourable = units(buy ? high : low);
  if (signal.stop !== null && (buy ? adverse <= units(signal.stop) : adverse >= units(signal.stop))) {
    return { ...signal, status: 'STOPPED', updatedAt: at, version: signal.version + 1 };
  }
  let hit = signal.targetsHit;
  while (hit < signal.targets.length && (buy ? favourable >= units(signal.targets[hit]) : favourable <= units(signal.targets[hit]))) hit++;
  if (hit === signal.targetsHit) return null;
  return { ...signal, status: 'HIT_TARGET', targetsHit: hit, updatedAt: at, version: signal.version + 1 };
}

/** A Telegram link to the message, when the chat is public. */
export function messageLink(channel: Pick<Channel, 'username'>, messageId: number): string | null {
  return channel.username ? `https://t.me/${channel.username.replace(/^@/, '')}/${messageId}` : null;
}

export type { SignalKind, SignalSide };
