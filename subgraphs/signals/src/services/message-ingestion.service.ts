import { randomUUID } from 'node:crypto';
import type { Logger } from '@b3/kit';
import type { InboundMessage, MessageSink, ReceiveOutcome } from '../domain/inbound-message';
import {
  applyUpdate,
  editSignal,
  newSignal,
  type Channel,
  type ChannelId,
  type MessageRecord,
  type MessageRowId,
  type Signal,
  type SignalId,
} from '../domain/signal';
import type { ParsedUpdate, SignalParse } from '../domain/signal-parse';
import { DuplicateChannelError, type MessageOutcome, type SignalStore } from '../store/signal.store';
import type { SignalEvents } from './signal-events';

/**
 * Every message, from any transport, goes through here. `receive` stores it durably (status RECEIVED) and
 * returns, so a webhook can answer Telegram at once; parsing and its effects on signals happen afterwards,
 * one message at a time in arrival order, and messages a crash left RECEIVED are processed at the next start.
 *
 * - A redelivered message (same chat and message id, no newer edit) changes nothing: DUPLICATE.
 * - An edit keeps the old text as a revision and is processed again: its signal takes the new levels (the
 *   old ones stay in the signal's history); if the edit no longer reads as a signal, the signal keeps its
 *   last readable version and the message says why.
 * - Updates ("ALVO 1 ATINGIDO") are linked to the signal they are about: the message they reply to, else
 *   the newest live signal of the asset they name (the same channel's first), else, when they name no
 *   asset, the channel's newest live signal; with none, the message is IGNORED with the reason.
 * - Messages of a disabled channel are logged as IGNORED. Unknown chats are registered on their first
 *   message, enabled unless `autoEnable` is false.
 */
export interface IngestionOptions {
  parse: (text: string) => SignalParse;
  events: SignalEvents;
  logger: Logger;
  autoEnable: boolean;
  /** SIGNALS_EXPIRY_DAYS: how long a signal that is not a day trade stays OPEN. */
  expiryDays: number;
  clock?: () => Date;
}

export class MessageIngestion implements MessageSink {
  private readonly clock: () => Date;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: SignalStore,
    private readonly options: IngestionOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  async receive(message: InboundMessage): Promise<ReceiveOutcome> {
    const channel = await this.channelFor(message);
    const existing = await this.store.messageByKey(channel.id, message.messageId);
    if (existing) {
      if (!this.isNewerEdit(existing, message)) return 'DUPLICATE';
      const edited = await this.store.editMessage(existing, { text: message.text, editedAt: message.editedAt!, at: this.clock() });
      this.schedule(edited);
      return 'EDITED';
    }
    const now = this.clock();
    const inserted = await this.store.insertMessage({
      id: randomUUID() as MessageRowId,
      channelId: channel.id,
      messageId: message.messageId,
      sentAt: message.date,
      editedAt: message.editedAt,
      text: message.text,
      replyTo: message.replyToMessageId ?? null,
      status: 'RECEIVED',
      reason: null,
      version: 1,
      receivedAt: now,
      updatedAt: now,
    });
    // Lost a race with a concurrent delivery of the same message: theirs is the one stored.
    if (!inserted) return 'DUPLICATE';
    this.schedule(inserted);
    return 'STORED';
  }

  /** Processes what a previous run stored but never processed (a crash right after `receive`). */
  async resume(): Promise<number> {
    const pending = await this.store.unprocessedMessages(10_000);
    pending.forEach((message) => this.schedule(message));
    await this.settled();
    return pending.length;
  }

  /** Resolves when every message received so far is processed. */
  settled(): Promise<void> {
    return this.queue;
  }

  private isNewerEdit(stored: MessageRecord, incoming: InboundMessage): boolean {
    if (!incoming.editedAt || incoming.text === stored.text) return false;
    return !stored.editedAt || incoming.editedAt.getTime() >= stored.editedAt.getTime();
  }

  private schedule(message: MessageRecord): void {
    this.queue = this.queue.then(() =>
      this.process(message).catch((error: unknown) => this.options.logger.error({ err: error, messageId: message.id }, 'processing a signal message failed; it stays RECEIVED and is retried at the next start')),
    );
  }

  private async channelFor(message: InboundMessage): Promise<Channel> {
    const known = await this.store.channelByChatId(message.chatId);
    if (known) return known;
    const now = this.clock();
    try {
      return await this.store.createChannel({
        id: randomUUID() as ChannelId,
        chatId: message.chatId,
        title: message.chatTitle ?? message.chatUsername ?? message.chatId,
        username: message.chatUsername,
        enabled: this.options.autoEnable,
        createdAt: now,
        updatedAt: now,
        updatedBy: 'auto-registered',
      });
    } catch (error) {
      if (!(error instanceof DuplicateChannelError)) throw error;
      return (await this.store.channelByChatId(message.chatId))!;
    }
  }

  private async process(message: MessageRecord): Promise<void> {
    const channel = await this.store.channelById(message.channelId);
    const at = this.clock();
    const outcome = channel && !channel.enabled ? ignored(`channel ${channel.title} is disabled`) : await this.outcomeOf(message, at);
    await this.store.settleMessage(message, outcome, at);
    if (outcome.createSignal) this.options.events.publishNew(outcome.createSignal);
    if (outcome.changeSignal) this.options.events.publishChanged(outcome.changeSignal.signal);
  }

  private async outcomeOf(message: MessageRecord, at: Date): Promise<MessageOutcome> {
    let parse: SignalParse;
    try {
      parse = this.options.parse(message.text);
    } catch (error) {
      // A parser bug must not stop the queue: the message is kept, marked, and can be re-read later.
      return { status: 'FAILED', reason: `the parser failed: ${(error as Error).message}` };
    }
    const own = message.version > 1 ? await this.store.signalByMessage(message.id) : null;

    if (parse.status === 'SIGNAL') {
      if (own) return { status: 'PARSED', reason: null, changeSignal: { signal: editSignal(own, parse.signal, at, this.options.expiryDays), before: own, cause: 'EDIT' } };
      const ids = { id: randomUUID() as SignalId, channelId: message.channelId, messageRowId: message.id };
      return { status: 'PARSED', reason: null, createSignal: newSignal(parse.signal, ids, message.sentAt, this.options.expiryDays) };
    }
    if (own) {
      const why = parse.status === 'IGNORED' ? parse.reason : 'the edit reads as an update, not a signal';
      return ignored(`${why}; the signal keeps its last readable version`);
    }
    if (parse.status === 'IGNORED') return ignored(parse.reason);
    if (message.version > 1) return ignored('an edited update is not applied again');
    return this.updateOutcome(message, parse.update);
  }

  private async updateOutcome(message: MessageRecord, update: ParsedUpdate): Promise<MessageOutcome> {
    const target = await this.signalForUpdate(message, update);
    const what = `${update.kind.toLowerCase().replace('_', ' ')}${update.asset ? ` for ${update.asset}` : ''}`;
    if (!target) return ignored(`an update (${what}) with no open signal to apply it to`);
    const changed = applyUpdate(target, update, message.sentAt);
    return {
      status: 'PARSED',
      reason: null,
      update: { signalId: target.id, messageRowId: message.id, kind: update.kind, targetNumber: update.targetNumber, price: update.price, at: message.sentAt },
      ...(changed ? { changeSignal: { signal: changed, before: target, cause: 'UPDATE' as const } } : {}),
    };
  }

  private async signalForUpdate(message: MessageRecord, update: ParsedUpdate): Promise<Signal | null> {
    if (message.replyTo !== null) {
      const original = await this.store.messageByKey(message.channelId, message.replyTo);
      const replied = original ? await this.store.signalByMessage(original.id) : null;
      if (replied && (!update.asset || replied.asset === update.asset)) return replied;
    }
    if (update.asset) return this.store.liveSignalFor(update.asset, message.channelId);
    return this.store.latestLiveSignal(message.channelId);
  }
}

const ignored = (reason: string): MessageOutcome => ({ status: 'IGNORED', reason });
