import type {
  Channel,
  ChannelId,
  MessageRecord,
  MessageRowId,
  MessageStatus,
  RevisionCause,
  Signal,
  SignalId,
  SignalSide,
  SignalSnapshot,
  SignalUpdateRecord,
  StoredSignalStatus,
} from '../domain/signal';

/** What the signals services need from storage; prisma-signal.store.ts is the one implementation. */

export interface SignalCursor {
  readonly postedAt: Date;
  readonly id: SignalId;
}

export interface SignalQuery {
  readonly asset?: string;
  readonly channelId?: ChannelId;
  readonly side?: SignalSide;
  /** Stored statuses to include (EXPIRED is derived by the service from OPEN + time). */
  readonly statuses?: readonly StoredSignalStatus[];
  /** Only signals expired at this instant (with statuses [OPEN]: the EXPIRED ones). */
  readonly expiredAt?: Date;
  /** Only signals not yet expired at this instant (with statuses [OPEN]: the ones still OPEN). */
  readonly liveAt?: Date;
  readonly postedFrom?: Date;
  readonly postedTo?: Date;
  readonly first: number;
  readonly after?: SignalCursor;
}

export interface MessageQuery {
  readonly channelId?: ChannelId;
  readonly status?: MessageStatus;
  readonly first: number;
  /** Older than this message (receivedAt, id). */
  readonly after?: { receivedAt: Date; id: MessageRowId };
}

export interface SignalRevisionRecord {
  readonly version: number;
  readonly snapshot: SignalSnapshot;
  readonly cause: RevisionCause;
  readonly at: Date;
}

export interface MessageRevisionRecord {
  readonly version: number;
  readonly text: string;
  readonly status: MessageStatus;
  readonly reason: string | null;
  readonly replacedAt: Date;
}

/** The outcome of processing a message, written together with the message's new status. */
export interface MessageOutcome {
  readonly status: Exclude<MessageStatus, 'RECEIVED'>;
  readonly reason: string | null;
  readonly createSignal?: Signal;
  /** A changed signal, the revision it replaces and why. */
  readonly changeSignal?: { readonly signal: Signal; readonly before: Signal; readonly cause: RevisionCause };
  readonly update?: SignalUpdateRecord;
}

export class DuplicateChannelError extends Error {
  constructor(readonly chatId: string) {
    super(`A channel with chat id ${chatId} is already registered`);
  }
}

export interface SignalStore {
  // Channels
  channelByChatId(chatId: string): Promise<Channel | null>;
  channelById(id: ChannelId): Promise<Channel | null>;
  channelsByIds(ids: readonly ChannelId[]): Promise<Channel[]>;
  listChannels(): Promise<Channel[]>;
  /** Throws DuplicateChannelError when the chat is registered already. */
  createChannel(channel: Channel): Promise<Channel>;
  updateChannel(channel: Channel): Promise<Channel>;
  /** Deletes a channel with no messages; returns how many messages it has otherwise (and deletes nothing). */
  deleteChannel(id: ChannelId): Promise<{ deleted: boolean; messages: number }>;

  // Raw messages
  messageByKey(channelId: ChannelId, messageId: number): Promise<MessageRecord | null>;
  messageById(id: MessageRowId): Promise<MessageRecord | null>;
  /** Writes a new RECEIVED message; returns null when (channel, message id) exists already. */
  insertMessage(message: MessageRecord): Promise<MessageRecord | null>;
  /** Replaces the text of an edited message (status back to RECEIVED), keeping the old version as a revision. */
  editMessage(message: MessageRecord, edited: { text: string; editedAt: Date; at: Date }): Promise<MessageRecord>;
  /** Messages still RECEIVED (a crash between storing and processing), oldest first. */
  unprocessedMessages(limit: number): Promise<MessageRecord[]>;
  /** Writes a processed message's status with the signal change it caused, in one transaction. */
  settleMessage(message: MessageRecord, outcome: MessageOutcome, at: Date): Promise<void>;
  listMessages(query: MessageQuery): Promise<{ messages: MessageRecord[]; hasMore: boolean }>;
  messageRevisions(id: MessageRowId): Promise<MessageRevisionRecord[]>;

  // Signals
  signalByMessage(messageRowId: MessageRowId): Promise<Signal | null>;
  signalsByIds(ids: readonly SignalId[]): Promise<Signal[]>;
  /** The newest live (OPEN or HIT_TARGET) signal of `asset`, preferring `channelId`'s own. */
  liveSignalFor(asset: string, channelId: ChannelId): Promise<Signal | null>;
  /** The newest live signal of the channel (for an update that names no asset). */
  latestLiveSignal(channelId: ChannelId): Promise<Signal | null>;
  /** Every live signal of these assets (for marking them with market prices). */
  liveSignals(assets?: readonly string[]): Promise<Signal[]>;
  /** A status change not caused by a message (market prices), with its revision; false if the signal moved on meanwhile. */
  changeSignal(signal: Signal, before: Signal, cause: RevisionCause): Promise<boolean>;
  listSignals(query: SignalQuery): Promise<{ signals: Signal[]; hasMore: boolean }>;
  countSignals(query: Omit<SignalQuery, 'first' | 'after'>): Promise<number>;
  signalRevisions(id: SignalId): Promise<SignalRevisionRecord[]>;
  signalUpdates(id: SignalId): Promise<SignalUpdateRecord[]>;

  // Telegram polling
  loadPollOffset(bot: string): Promise<number | null>;
  savePollOffset(bot: string, offset: number, at: Date): Promise<void>;
}
