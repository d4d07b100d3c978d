import type { InboundMessage } from '../domain/inbound-message';

/** The update kinds that carry chat messages; the poller asks Telegram for exactly these. */
export const TELEGRAM_MESSAGE_UPDATE_KINDS = ['message', 'channel_post', 'edited_message', 'edited_channel_post'] as const;
export type TelegramMessageUpdateKind = (typeof TELEGRAM_MESSAGE_UPDATE_KINDS)[number];

const EDIT_KINDS: ReadonlySet<TelegramMessageUpdateKind> = new Set(['edited_message', 'edited_channel_post']);

/** Why an update was not turned into a message; none of them is worth Telegram retrying. */
export type TelegramSkipReason = 'NO_TEXT' | 'UNSUPPORTED_UPDATE' | 'MALFORMED';

export type MappedTelegramUpdate =
  | { readonly ok: true; readonly updateId: number; readonly kind: TelegramMessageUpdateKind; readonly message: InboundMessage }
  /** `updateId` is null only when the update itself has no usable update_id. */
  | { readonly ok: false; readonly updateId: number | null; readonly reason: TelegramSkipReason; readonly detail: string };

/** Telegram's own cap on a message's text (captions are shorter); anything longer did not come from Telegram. */
export const MAX_TEXT_CHARS = 4096;
/** Bot API dates are 32-bit unix seconds. */
const MAX_UNIX_SECONDS = 2 ** 32 - 1;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

class Malformed extends Error {}

function unixDate(value: unknown, field: string): Date {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > MAX_UNIX_SECONDS) {
    throw new Malformed(`${field} must be unix seconds`);
  }
  return new Date(value * 1000);
}

function optionalString(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new Malformed(`${field} must be a string`);
  return value === '' ? null : value;
}

/** Private chats have no title; the person's name is what a reader would call the chat. */
function chatTitleOf(chat: Json): string | null {
  const title = optionalString(chat.title, 'chat.title');
  if (title !== null) return title;
  const name = [optionalString(chat.first_name, 'chat.first_name'), optionalString(chat.last_name, 'chat.last_name')].filter((part) => part !== null);
  return name.length > 0 ? name.join(' ') : null;
}

/** A reply names the message it answers (same chat); replies to other chats come as `external_reply` instead. */
function replyIdOf(reply: unknown): number | null {
  if (reply === undefined || reply === null) return null;
  if (!isObject(reply) || typeof reply.message_id !== 'number' || !Number.isSafeInteger(reply.message_id) || reply.message_id <= 0) {
    throw new Malformed('reply_to_message.message_id must be a positive integer');
  }
  // in a forum every message in a topic "replies" to the topic's creation: that is no answer to a signal
  if (reply.forum_topic_created !== undefined) return null;
  return reply.message_id;
}

function toInbound(raw: Json, edited: boolean): InboundMessage | { readonly noText: string } {
  const messageId = raw.message_id;
  if (typeof messageId !== 'number' || !Number.isSafeInteger(messageId) || messageId <= 0) throw new Malformed('message_id must be a positive integer');
  const chat = raw.chat;
  if (!isObject(chat)) throw new Malformed('chat must be an object');
  // chat ids exceed 32 bits (and are negative for groups and channels), but Telegram keeps them within 52 bits
  if (typeof chat.id !== 'number' || !Number.isSafeInteger(chat.id) || chat.id === 0) throw new Malformed('chat.id must be a non-zero integer');
  const date = unixDate(raw.date, 'date');
  const editedAt = edited ? unixDate(raw.edit_date, 'edit_date') : null;
  const chatTitle = chatTitleOf(chat);
  const chatUsername = optionalString(chat.username, 'chat.username');
  const replyToMessageId = replyIdOf(raw.reply_to_message);

  const text = raw.text ?? raw.caption;
  if (text === undefined || text === null) return { noText: 'the message has neither text nor a caption' };
  if (typeof text !== 'string') throw new Malformed('text and caption must be strings');
  if (text.trim() === '') return { noText: 'the message text is blank' };
  if (text.length > MAX_TEXT_CHARS) throw new Malformed(`text is longer than ${MAX_TEXT_CHARS} characters`);
  return { chatId: String(chat.id), chatTitle, chatUsername, messageId, date, editedAt, text, replyToMessageId };
}

/**
 * A Bot API `Update` (untrusted JSON) → the message it carries, or why it carries none. Pure: the webhook,
 * the poller and their tests all go through this one function.
 */
export function mapTelegramUpdate(update: unknown): MappedTelegramUpdate {
  if (!isObject(update)) return { ok: false, updateId: null, reason: 'MALFORMED', detail: 'the update is not a JSON object' };
  const rawId = update.update_id;
  if (typeof rawId !== 'number' || !Number.isSafeInteger(rawId) || rawId < 0) {
    return { ok: false, updateId: null, reason: 'MALFORMED', detail: 'update_id must be a non-negative integer' };
  }
  const updateId = rawId;
  const kind = TELEGRAM_MESSAGE_UPDATE_KINDS.find((k) => update[k] !== undefined);
  if (!kind) {
    const present = Object.keys(update).filter((key) => key !== 'update_id');
    return { ok: false, updateId, reason: 'UNSUPPORTED_UPDATE', detail: `not a message update (${present.join(', ') || 'empty'})` };
  }
  const payload = update[kind];
  if (!isObject(payload)) return { ok: false, updateId, reason: 'MALFORMED', detail: `${kind} must be an object` };
  try {
    const mapped = toInbound(payload, EDIT_KINDS.has(kind));
    if ('noText' in mapped) return { ok: false, updateId, reason: 'NO_TEXT', detail: mapped.noText };
    return { ok: true, updateId, kind, message: mapped };
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, updateId, reason: 'MALFORMED', detail: `${kind}.${error.message}` };
    throw error;
  }
}
