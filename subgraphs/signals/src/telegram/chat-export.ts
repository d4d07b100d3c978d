import type { InboundMessage } from '../domain/inbound-message';
import { scanExport } from './json-export-scanner';
import { MAX_TEXT_CHARS } from './telegram-update';

/** The chat a Telegram Desktop export (`result.json`) holds, with its id as the Bot API writes it. */
export interface ExportChat {
  readonly id: string;
  readonly title: string | null;
  readonly username: string | null;
  /** The export's own chat type (`public_channel`, `private_supergroup`, ...). */
  readonly type: string | null;
}

export type ExportSkipReason = 'SERVICE' | 'UNSUPPORTED' | 'NO_TEXT' | 'TOO_LONG' | 'AMBIGUOUS_DATE' | 'MALFORMED';

export type ExportEntry =
  | { readonly kind: 'message'; readonly message: InboundMessage }
  | { readonly kind: 'skip'; readonly exportId: number | null; readonly reason: ExportSkipReason; readonly detail: string };

export type ExportEvent = { readonly kind: 'chat'; readonly chat: ExportChat } | ExportEntry;

export interface ChatExportOptions {
  /** Replaces the chat id derived from the export (which needs a known chat type). */
  chatId?: string;
  /** Exports do not carry the chat's @username; messages links need it. */
  chatUsername?: string | null;
  /**
   * Offset from UTC, in minutes, of the computer that made the export: only used for messages without
   * `date_unixtime` (older exports), whose local `date` is otherwise ambiguous and skipped.
   */
  utcOffsetMinutes?: number;
}

export class ChatExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChatExportError';
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Exports write a chat's bare peer id; the Bot API (and so the webhook) prefixes supergroups and channels
 * with -100 and basic groups with -. Mapping here makes an imported message and the same message
 * arriving later by webhook the same (chat id, message id) pair.
 */
const BOT_API_PREFIX: Readonly<Record<string, string>> = {
  personal_chat: '',
  bot_chat: '',
  saved_messages: '',
  private_group: '-',
  private_supergroup: '-100',
  public_supergroup: '-100',
  private_channel: '-100',
  public_channel: '-100',
};

export function botApiChatId(type: string | null, id: unknown): string | null {
  const numeric = typeof id === 'string' && /^-?\d+$/.test(id) ? Number(id) : id;
  if (typeof numeric !== 'number' || !Number.isSafeInteger(numeric) || numeric === 0) return null;
  if (numeric < 0) return String(numeric); // already in Bot API form
  const prefix = type === null ? undefined : BOT_API_PREFIX[type];
  return prefix === undefined ? null : `${prefix}${numeric}`;
}

/** `text` is a string or a list of strings and `{ type, text }` pieces (links, bold, ...). */
function plainText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return null;
  let text = '';
  for (const piece of value) {
    if (typeof piece === 'string') text += piece;
    else if (isObject(piece) && typeof piece.text === 'string') text += piece.text;
    else return null;
  }
  return text;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

class Unresolvable extends Error {
  constructor(
    readonly reason: 'AMBIGUOUS_DATE' | 'MALFORMED',
    message: string,
  ) {
    super(message);
  }
}

/** `<field>_unixtime` when the export has it; the local `<field>` only with a known UTC offset. */
function timeOf(raw: Json, field: 'date' | 'edited', utcOffsetMinutes: number | undefined): Date {
  const unix = raw[`${field}_unixtime`];
  if (unix !== undefined) {
    const seconds = typeof unix === 'string' && /^\d+$/.test(unix) ? Number(unix) : unix;
    if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds <= 0) throw new Unresolvable('MALFORMED', `${field}_unixtime must be unix seconds`);
    return new Date(seconds * 1000);
  }
  const local = raw[field];
  const match = typeof local === 'string' ? LOCAL_DATE.exec(local) : null;
  if (!match) throw new Unresolvable('MALFORMED', `${field} must look like 2026-10-28T10:15:00`);
  if (utcOffsetMinutes === undefined) throw new Unresolvable('AMBIGUOUS_DATE', `no ${field}_unixtime and the export's UTC offset is unknown`);
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - utcOffsetMinutes * 60_000);
  if (Number.isNaN(at.getTime())) throw new Unresolvable('MALFORMED', `${field} is not a valid date`);
  return at;
}

/** The replied-to message in this chat; a reply into another chat (`reply_to_peer_id`) names a message that is not here. */
function replyIdOf(raw: Json): number | null {
  const reply = raw.reply_to_message_id;
  if (reply === undefined || raw.reply_to_peer_id !== undefined) return null;
  if (typeof reply !== 'number' || !Number.isSafeInteger(reply) || reply <= 0) throw new Unresolvable('MALFORMED', 'reply_to_message_id must be a positive integer');
  return reply;
}

/** One entry of an export's `messages` → an inbound message, or why it is not one. Pure. */
export function mapExportMessage(chat: ExportChat, raw: unknown, options: Pick<ChatExportOptions, 'utcOffsetMinutes'> = {}): ExportEntry {
  if (!isObject(raw)) return { kind: 'skip', exportId: null, reason: 'MALFORMED', detail: 'a message is not an object' };
  const id = raw.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return { kind: 'skip', exportId: null, reason: 'MALFORMED', detail: 'id must be a positive integer' };
  const skip = (reason: ExportSkipReason, detail: string): ExportEntry => ({ kind: 'skip', exportId: id, reason, detail });
  if (raw.type === 'service') return skip('SERVICE', `service message${typeof raw.action === 'string' ? ` (${raw.action})` : ''}`);
  if (raw.type !== 'message') return skip('UNSUPPORTED', `message type ${JSON.stringify(raw.type)}`);

  const text = raw.text === undefined || raw.text === '' ? plainText(raw.text_entities ?? '') : plainText(raw.text);
  if (text === null) return skip('MALFORMED', 'text must be a string or a list of text pieces');
  if (text.trim() === '') return skip('NO_TEXT', 'no text or caption');
  if (text.length > MAX_TEXT_CHARS) return skip('TOO_LONG', `text is longer than the ${MAX_TEXT_CHARS} characters Telegram allows`);
  try {
    const date = timeOf(raw, 'date', options.utcOffsetMinutes);
    const editedAt = raw.edited !== undefined || raw.edited_unixtime !== undefined ? timeOf(raw, 'edited', options.utcOffsetMinutes) : null;
    const replyToMessageId = replyIdOf(raw);
    return { kind: 'message', message: { chatId: chat.id, chatTitle: chat.title, chatUsername: chat.username, messageId: id, date, editedAt, text, replyToMessageId } };
  } catch (error) {
    if (error instanceof Unresolvable) return skip(error.reason, error.message);
    throw error;
  }
}

/** Top-level keys of a full account export, which holds many chats rather than one. */
const ACCOUNT_EXPORT_KEYS = new Set(['chats', 'left_chats', 'personal_information', 'contacts']);

function chatOf(fields: ReadonlyMap<string, unknown>, options: ChatExportOptions): ExportChat {
  const type = typeof fields.get('type') === 'string' ? (fields.get('type') as string) : null;
  const name = fields.get('name');
  const id = options.chatId ?? botApiChatId(type, fields.get('id'));
  if (id === null) {
    throw new ChatExportError(
      fields.has('id')
        ? `cannot tell the Bot API chat id for an export of type ${JSON.stringify(type)}; pass it with --chat-id`
        : 'the export has no chat id before its messages; pass it with --chat-id',
    );
  }
  return { id, title: typeof name === 'string' && name !== '' ? name : null, username: options.chatUsername ?? null, type };
}

/**
 * Streams a `result.json` (text chunks, e.g. a file read as utf8): first `{ kind: 'chat' }`, then one
 * entry per message in file order. Telegram Desktop writes the chat's fields before its messages,
 * which is what lets the file be read in one pass.
 */
export async function* readChatExport(chunks: AsyncIterable<string>, options: ChatExportOptions = {}): AsyncGenerator<ExportEvent> {
  const fields = new Map<string, unknown>();
  let chat: ExportChat | null = null;
  for await (const event of scanExport(chunks, 'messages')) {
    if (event.kind === 'field') {
      if (ACCOUNT_EXPORT_KEYS.has(event.key)) throw new ChatExportError('this is a full account export; export a single chat (Export chat history, JSON) instead');
      fields.set(event.key, event.value);
    } else if (event.kind === 'array-start') {
      chat = chatOf(fields, options);
      yield { kind: 'chat', chat };
    } else if (chat) {
      yield mapExportMessage(chat, event.value, options);
    }
  }
}
