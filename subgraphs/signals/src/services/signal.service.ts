import { randomUUID } from 'node:crypto';
import { hasRole, unauthenticated, type Viewer } from '@b3/kit';
import type { InboundMessage } from '../domain/inbound-message';
import {
  effectiveStatus,
  type Channel,
  type ChannelId,
  type MessageRecord,
  type MessageRowId,
  type MessageStatus,
  type Signal,
  type SignalId,
  type SignalSide,
  type SignalStatus,
  type StoredSignalStatus,
} from '../domain/signal';
import type { SignalParse } from '../domain/signal-parse';
import { SignalErrors } from '../errors';
import { DuplicateChannelError, type SignalQuery, type SignalStore } from '../store/signal.store';
import type { MessageIngestion } from './message-ingestion.service';

export const MAX_TEXT_LENGTH = 4_096;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const MAX_IMPORT_BATCH = 1_000;

export interface SignalFilter {
  asset?: string | null;
  channelId?: string | null;
  side?: SignalSide | null;
  status?: SignalStatus | null;
  /** Posted at or after. */
  from?: Date | null;
  /** Posted before. */
  to?: Date | null;
}

export interface Page {
  first?: number | null;
  after?: string | null;
}

export interface SignalPage {
  edges: Array<{ cursor: string; signal: Signal }>;
  hasNextPage: boolean;
  totalCount: number;
}

export interface ChannelInput {
  chatId?: string | null;
  title?: string | null;
  username?: string | null;
  enabled?: boolean | null;
}

export interface ImportedMessage {
  messageId: number;
  date: Date;
  editedAt?: Date | null;
  text: string;
  replyToMessageId?: number | null;
}

export interface ImportResult {
  received: number;
  stored: number;
  duplicates: number;
  edited: number;
}

const encode = (signal: Signal): string => Buffer.from(JSON.stringify([signal.postedAt.toISOString(), signal.id])).toString('base64url');

function decode(cursor: string): { postedAt: Date; id: SignalId } | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const postedAt = new Date(at);
    return typeof id === 'string' && !Number.isNaN(postedAt.getTime()) ? { postedAt, id: id as SignalId } : null;
  } catch {
    return null;
  }
}

const CHAT_ID = /^(-?\d{1,20}|manual:[\p{L}\p{N}@#._:\- ]{1,64})$/u;
const USERNAME = /^@?[A-Za-z0-9_]{4,32}$/;

/**
 * Reads signals, channels and the message log; admin operations on channels; manual posting and history
 * import, both through the same ingestion as Telegram's messages.
 */
export class SignalService {
  private readonly clock: () => Date;

  constructor(
    private readonly store: SignalStore,
    private readonly ingestion: MessageIngestion,
    private readonly parser: (text: string) => SignalParse,
    clock?: () => Date,
  ) {
    this.clock = clock ?? (() => new Date());
  }

  /** The parser on its own, for debugging a message layout; stores nothing. */
  parse(text: string): SignalParse {
    if (text.length > MAX_TEXT_LENGTH) throw SignalErrors.invalid([{ field: 'text', message: `must be at most ${MAX_TEXT_LENGTH} characters` }]);
    return this.parser(text);
  }

  statusOf(signal: Signal): SignalStatus {
    return effectiveStatus(signal, this.clock());
  }

  async signals(filter: SignalFilter, page: Page): Promise<SignalPage> {
    const first = page.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw SignalErrors.pageSizeOutOfRange(MAX_PAGE_SIZE);
    const after = page.after ? decode(page.after) : undefined;
    if (after === null) throw SignalErrors.invalidCursor();
    if (filter.from && filter.to && filter.from >= filter.to) {
      throw SignalErrors.invalid([{ field: 'to', message: 'must be after from' }]);
    }
    const query = this.queryOf(filter);
    const [{ signals, hasMore }, totalCount] = await Promise.all([
      this.store.listSignals({ ...query, first, after }),
      this.store.countSignals(query),
    ]);
    return { edges: signals.map((signal) => ({ cursor: encode(signal), signal })), hasNextPage: hasMore, totalCount };
  }

  async signal(id: string): Promise<Signal | null> {
    const [found] = await this.byIds([id as SignalId]);
    return found;
  }

  /** DataLoader batch function: results in the order of `ids`, null where missing. */
  async byIds(ids: readonly SignalId[]): Promise<Array<Signal | null>> {
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const found = new Map((await this.store.signalsByIds(valid)).map((s) => [s.id, s]));
    return ids.map((id) => found.get(id) ?? null);
  }

  channelsByIds(ids: readonly ChannelId[]): Promise<Channel[]> {
    return this.store.channelsByIds(ids);
  }

  history(id: SignalId) {
    return this.store.signalRevisions(id);
  }

  updates(id: SignalId) {
    return this.store.signalUpdates(id);
  }

  message(id: MessageRowId): Promise<MessageRecord | null> {
    return this.store.messageById(id);
  }

  async messages(viewer: Viewer | null, filter: { channelId?: string | null; status?: MessageStatus | null }, page: Page) {
    if (!viewer) throw unauthenticated();
    const first = page.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw SignalErrors.pageSizeOutOfRange(MAX_PAGE_SIZE);
    let after: { receivedAt: Date; id: MessageRowId } | undefined;
    if (page.after) {
      const at = await this.store.messageById(page.after as MessageRowId).catch(() => null);
      if (!at) throw SignalErrors.invalidCursor();
      after = { receivedAt: at.receivedAt, id: at.id };
    }
    return this.store.listMessages({ channelId: (filter.channelId as ChannelId) ?? undefined, status: filter.status ?? undefined, first, after });
  }

  messageRevisions(id: MessageRowId) {
    return this.store.messageRevisions(id);
  }

  channels(): Promise<Channel[]> {
    return this.store.listChannels();
  }

  async createChannel(viewer: Viewer, input: ChannelInput): Promise<Channel> {
    this.requireAdmin(viewer, 'register channels');
    const issues = this.channelIssues(input, true);
    if (issues.length) throw SignalErrors.invalid(issues);
    const now = this.clock();
    try {
      return await this.store.createChannel({
        id: randomUUID() as ChannelId,
        chatId: input.chatId!.trim(),
        title: input.title!.trim(),
        username: input.username?.trim().replace(/^@/, '') || null,
        enabled: input.enabled ?? true,
        createdAt: now,
        updatedAt: now,
        updatedBy: viewer.id,
      });
    } catch (error) {
      if (error instanceof DuplicateChannelError) throw SignalErrors.duplicateChannel(error.chatId);
      throw error;
    }
  }

  async updateChannel(viewer: Viewer, id: string, input: ChannelInput): Promise<Channel> {
    this.requireAdmin(viewer, 'change channels');
    const channel = await this.channelOrThrow(id);
    const issues = this.channelIssues(input, false);
    if (issues.length) throw SignalErrors.invalid(issues);
    try {
      return await this.store.updateChannel({
        ...channel,
        chatId: input.chatId?.trim() ?? channel.chatId,
        title: input.title?.trim() ?? channel.title,
        username: input.username === undefined ? channel.username : input.username?.trim().replace(/^@/, '') || null,
        enabled: input.enabled ?? channel.enabled,
        updatedAt: this.clock(),
        updatedBy: viewer.id,
      });
    } catch (error) {
      if (error instanceof DuplicateChannelError) throw SignalErrors.duplicateChannel(error.chatId);
      throw error;
    }
  }

  /** A channel with messages cannot be deleted (its log and signals refer to it): disable it instead. */
  async deleteChannel(viewer: Viewer, id: string): Promise<boolean> {
    this.requireAdmin(viewer, 'delete channels');
    await this.channelOrThrow(id);
    const result = await this.store.deleteChannel(id as ChannelId);
    if (!result.deleted) throw SignalErrors.channelInUse(id, result.messages);
    return true;
  }

  /**
   * A trader posts a message by hand (channel "manual:<name>"), processed like a Telegram one; returns the
   * message as processed and its signal, if it read as one.
   */
  async post(viewer: Viewer, input: { channel?: string | null; text: string }): Promise<{ message: MessageRecord; signal: Signal | null }> {
    const name = (input.channel ?? viewer.id).trim();
    const issues = [];
    if (!/^[\p{L}\p{N}@#._:\- ]{1,64}$/u.test(name)) issues.push({ field: 'channel', message: 'must be 1 to 64 letters, digits, spaces or @#._:-' });
    const text = input.text.trim();
    if (text.length === 0 || text.length > MAX_TEXT_LENGTH) issues.push({ field: 'text', message: `must be 1 to ${MAX_TEXT_LENGTH} characters` });
    if (issues.length) throw SignalErrors.invalid(issues);
    const chatId = `manual:${name}`;
    // Hand-posted messages are numbered per manual channel; a concurrent post taking the same number is
    // a DUPLICATE for the loser, which simply takes the next one.
    for (let attempt = 0; attempt < 5; attempt++) {
      const channel = await this.store.channelByChatId(chatId);
      const last = channel ? (await this.store.listMessages({ channelId: channel.id, first: 1 })).messages[0] : undefined;
      const messageId = (last?.messageId ?? 0) + 1 + attempt;
      const outcome = await this.ingestion.receive({ chatId, chatTitle: name, chatUsername: null, messageId, date: this.clock(), editedAt: null, text });
      if (outcome === 'DUPLICATE') continue;
      await this.ingestion.settled();
      const stored = (await this.store.channelByChatId(chatId))!;
      const message = (await this.store.messageByKey(stored.id, messageId))!;
      return { message, signal: await this.store.signalByMessage(message.id) };
    }
    throw new Error(`could not number a message in ${chatId}: too many concurrent posts`);
  }

  /** Admin: a batch of exported chat history through the same ingestion (duplicates change nothing). */
  async importMessages(viewer: Viewer, chat: { id: string; title?: string | null; username?: string | null }, messages: readonly ImportedMessage[]): Promise<ImportResult> {
    this.requireAdmin(viewer, 'import chat history');
    const issues = [];
    if (!/^-?\d{1,20}$/.test(chat.id.trim())) issues.push({ field: 'chat.id', message: 'must be a Telegram chat id (digits, optionally negative)' });
    if (messages.length > MAX_IMPORT_BATCH) issues.push({ field: 'messages', message: `at most ${MAX_IMPORT_BATCH} per call` });
    messages.forEach((m, i) => {
      if (!Number.isSafeInteger(m.messageId) || m.messageId <= 0) issues.push({ field: `messages[${i}].messageId`, message: 'must be a positive whole number' });
      if (m.text.length > MAX_TEXT_LENGTH) issues.push({ field: `messages[${i}].text`, message: `must be at most ${MAX_TEXT_LENGTH} characters` });
      if (Number.isNaN(m.date.getTime())) issues.push({ field: `messages[${i}].date`, message: 'must be a date' });
    });
    if (issues.length) throw SignalErrors.invalid(issues);
    const result: ImportResult = { received: messages.length, stored: 0, duplicates: 0, edited: 0 };
    for (const m of messages) {
      const inbound: InboundMessage = {
        chatId: chat.id.trim(),
        chatTitle: chat.title ?? null,
        chatUsername: chat.username ?? null,
        messageId: m.messageId,
        date: m.date,
        editedAt: m.editedAt ?? null,
        text: m.text,
        replyToMessageId: m.replyToMessageId ?? null,
      };
      const outcome = await this.ingestion.receive(inbound);
      if (outcome === 'STORED') result.stored++;
      else if (outcome === 'DUPLICATE') result.duplicates++;
      else result.edited++;
    }
    await this.ingestion.settled();
    return result;
  }

  private queryOf(filter: SignalFilter): Omit<SignalQuery, 'first' | 'after'> {
    const now = this.clock();
    const status = filter.status ?? undefined;
    const stored: StoredSignalStatus[] | undefined = status === undefined ? undefined : status === 'EXPIRED' ? ['OPEN'] : [status];
    return {
      asset: filter.asset?.trim().toUpperCase() || undefined,
      channelId: (filter.channelId as ChannelId) || undefined,
      side: filter.side ?? undefined,
      statuses: stored,
      expiredAt: status === 'EXPIRED' ? now : undefined,
      liveAt: status === 'OPEN' ? now : undefined,
      postedFrom: filter.from ?? undefined,
      postedTo: filter.to ?? undefined,
    };
  }

  private channelIssues(input: ChannelInput, creating: boolean): Array<{ field: string; message: string }> {
    const issues: Array<{ field: string; message: string }> = [];
    if (creating || input.chatId != null) {
      if (!input.chatId || !CHAT_ID.test(input.chatId.trim())) issues.push({ field: 'chatId', message: 'must be a Telegram chat id (digits, optionally negative)' });
    }
    if (creating || input.title != null) {
      const title = input.title?.trim() ?? '';
      if (title.length < 1 || title.length > 128) issues.push({ field: 'title', message: 'must be 1 to 128 characters' });
    }
    if (input.username && !USERNAME.test(input.username.trim())) issues.push({ field: 'username', message: 'must be a Telegram username: 4 to 32 of A-Z a-z 0-9 _' });
    return issues;
  }

  private async channelOrThrow(id: string): Promise<Channel> {
    const channel = /^[0-9a-f-]{36}$/i.test(id) ? await this.store.channelById(id as ChannelId) : null;
    if (!channel) throw SignalErrors.channelNotFound(id);
    return channel;
  }

  private requireAdmin(viewer: Viewer, what: string): void {
    if (!hasRole(viewer, 'admin')) throw SignalErrors.adminOnly(what);
  }
}
