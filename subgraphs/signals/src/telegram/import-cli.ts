import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CliFailure, createGatewayRequest, DEFAULT_GATEWAY_URL, type GatewayClientOptions, readImportArgs } from '@b3/kit';
import { Presets, SingleBar } from 'cli-progress';
import { ChatExportError, type ExportChat, type ExportSkipReason, readChatExport } from './chat-export';

import { ExportScanError } from './json-export-scanner';

export const DEFAULT_URL = DEFAULT_GATEWAY_URL;
export const DEFAULT_BATCH_SIZE = 200;
const MAX_BATCH_SIZE = 500;
/** Request body budget for the messages: the gateway refuses bodies over 100 KiB by default. */
export const MAX_BATCH_BYTES = 64 * 1024;

export const USAGE = `Usage: npm run import:signals -- <result.json> [options]
       node subgraphs/signals/dist/telegram/import-cli.js <result.json> [options]

Imports a Telegram Desktop chat export (Export chat history, format JSON) through the gateway, in
batches. Messages imported before are recognised, so an interrupted import can simply be run again.

  --url <URL>              gateway GraphQL endpoint (default: the local gateway, ${DEFAULT_URL})
  --token <JWT>            an admin's token (default: the B3_TOKEN environment variable)
  --chat-id <ID>           the chat's Bot API id (default: from the export, e.g. -100<id> for a channel)
  --chat-username <NAME>   the chat's public @username (exports do not include it)
  --utc-offset <+HH:MM>    UTC offset of the computer that made the export, e.g. -03:00; only old exports
                           without date_unixtime need it (without it their messages are skipped)
  --batch-size <N>         messages per request, 1-${MAX_BATCH_SIZE} (default: ${DEFAULT_BATCH_SIZE}; a request also stays under 64 KiB)
  -h, --help               this text`;

export interface SignalsImportOptions {
  file: string;
  url: string;
  token: string | null;
  chatId?: string;
  chatUsername?: string;
  utcOffsetMinutes?: number;
  batchSize: number;
}

export type ParsedImportArgs = { ok: true; options: SignalsImportOptions } | { ok: false; error: string } | { ok: false; help: true };

function utcOffsetMinutes(text: string): number | null {
  if (text === 'Z' || text === 'z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  if (Number(match[3]) >= 60 || minutes > 14 * 60) return null;
  return match[1] === '-' ? -minutes : minutes;
}

/** argv (without node and the script) → options; pure, so every rule is unit-tested. */
export function parseImportArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ParsedImportArgs {
  const read = readImportArgs(argv, { valueOptions: ['--chat-id', '--chat-username', '--utc-offset', '--batch-size'], fileHint: 'export file (result.json)', env });
  if (!read.ok) return read;
  const { file, values, url, token } = read.args;

  const options: SignalsImportOptions = { file, url, token, batchSize: DEFAULT_BATCH_SIZE };
  const chatId = values.get('--chat-id');
  if (chatId !== undefined) {
    if (!/^-?[1-9]\d{0,15}$/.test(chatId)) return { ok: false, error: `--chat-id must be a Bot API chat id such as -1001234567890, got ${chatId}` };
    options.chatId = chatId;
  }
  const username = values.get('--chat-username');
  if (username !== undefined) {
    if (!/^@?[A-Za-z][A-Za-z0-9_]{3,31}$/.test(username)) return { ok: false, error: `--chat-username must be a Telegram username such as @sinais_b3, got ${username}` };
    options.chatUsername = username.replace(/^@/, '');
  }
  const offset = values.get('--utc-offset');
  if (offset !== undefined) {
    const minutes = utcOffsetMinutes(offset);
    if (minutes === null) return { ok: false, error: `--utc-offset must look like -03:00, +05:30 or Z, got ${offset}` };
    options.utcOffsetMinutes = minutes;
  }
  const batch = values.get('--batch-size');
  if (batch !== undefined) {
    const size = Number(batch);
    if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH_SIZE) return { ok: false, error: `--batch-size must be a whole number from 1 to ${MAX_BATCH_SIZE}, got ${batch}` };
    options.batchSize = size;
  }
  return { ok: true, options };
}

/** The mutation's input and result, as the signals schema declares them. */
interface TelegramMessageInput {
  messageId: number;
  date: string;
  editedAt: string | null;
  text: string;
  replyToMessageId: number | null;
}

export interface TelegramImportResult {
  received: number;
  stored: number;
  duplicates: number;
  edited: number;
}

const IMPORT = `mutation ImportTelegramMessages($chat: TelegramChatInput!, $messages: [TelegramMessageInput!]!) {
  importTelegramMessages(chat: $chat, messages: $messages) { received stored duplicates edited }
}`;

export interface ImportSummary {
  chat: ExportChat;
  /** Messages sent to the gateway. */
  sent: number;
  totals: TelegramImportResult;
  skipped: Partial<Record<ExportSkipReason, number>>;
}

export interface CliOutput {
  /** The final counts. */
  out: NodeJS.WritableStream;
  /** The progress bar. */
  progress: NodeJS.WritableStream;
}

function summaryLines(summary: ImportSummary): string[] {
  const { chat, sent, totals, skipped } = summary;
  const skips = Object.entries(skipped).map(([reason, count]) => `${reason} ${count}`);
  const skippedCount = Object.values(skipped).reduce((sum, count) => sum + count, 0);
  const lines = [
    `${chat.title ?? 'chat'} (${chat.id}): ${sent} messages sent — ${totals.stored} stored, ${totals.duplicates} duplicates, ${totals.edited} edited` +
      (skippedCount > 0 ? `; ${skippedCount} skipped (${skips.join(', ')})` : ''),
  ];
  if (skipped.AMBIGUOUS_DATE) lines.push(`${skipped.AMBIGUOUS_DATE} messages have only a local date; pass --utc-offset (e.g. -03:00) to import them`);
  return lines;
}

/** Reads the export as a stream and sends it in batches; throws CliFailure when the import did not complete. */
export async function runImportCli(
  options: SignalsImportOptions,
  output: CliOutput = { out: process.stdout, progress: process.stderr },
  client: Pick<GatewayClientOptions, 'sleep'> = {},
): Promise<ImportSummary> {
  const size = await stat(options.file).then(
    (info) => info.size,
    (error: unknown) => {
      throw new CliFailure([`cannot read ${options.file}: ${error instanceof Error ? error.message : String(error)}`]);
    },
  );
  const request = createGatewayRequest({ url: options.url, token: options.token, ...client });
  const stream = createReadStream(options.file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const bar = new SingleBar(
    { format: '{title} [{bar}] {percentage}% | {sent} messages | {stored} stored, {duplicates} duplicates, {edited} edited', hideCursor: true, stream: output.progress },
    Presets.shades_classic,
  );
  let chat: ExportChat | null = null;
  let batch: TelegramMessageInput[] = [];
  let batchBytes = 0;
  let sent = 0;
  const totals: TelegramImportResult = { received: 0, stored: 0, duplicates: 0, edited: 0 };
  const skipped: Partial<Record<ExportSkipReason, number>> = {};

  const flush = async (current: ExportChat): Promise<void> => {
    if (batch.length === 0) return;
    const { importTelegramMessages: result } = await request<{ importTelegramMessages: TelegramImportResult }>(IMPORT, {
      chat: { id: current.id, title: current.title, username: current.username },
      messages: batch,
    });
    if (result.received !== batch.length) throw new CliFailure([`the server received ${result.received} of the ${batch.length} messages sent`]);
    for (const key of ['received', 'stored', 'duplicates', 'edited'] as const) totals[key] += result[key];
    sent += batch.length;
    batch = [];
    batchBytes = 0;
    bar.update(stream.bytesRead, { sent, ...totals });
  };

  try {
    for await (const event of readChatExport(stream, options)) {
      if (event.kind === 'chat') {
        chat = event.chat;
        bar.start(size, 0, { title: chat.title ?? chat.id, sent, ...totals });
      } else if (event.kind === 'skip') {
        skipped[event.reason] = (skipped[event.reason] ?? 0) + 1;
      } else if (chat) {
        const { messageId, date, editedAt, text, replyToMessageId } = event.message;
        const input: TelegramMessageInput = { messageId, date: date.toISOString(), editedAt: editedAt?.toISOString() ?? null, text, replyToMessageId: replyToMessageId ?? null };
        const bytes = Buffer.byteLength(JSON.stringify(input));
        if (batch.length >= options.batchSize || (batch.length > 0 && batchBytes + bytes > MAX_BATCH_BYTES)) await flush(chat);
        batch.push(input);
        batchBytes += bytes;
      }
    }
    if (chat) await flush(chat);
    bar.update(size);
  } catch (error) {
    const resume = sent > 0 ? [`${sent} messages were imported before this; running the same import again is safe`] : [];
    if (error instanceof CliFailure) throw new CliFailure([...error.lines, ...resume]);
    if (error instanceof ChatExportError || error instanceof ExportScanError) throw new CliFailure([`cannot read ${options.file}: ${error.message}`, ...resume]);
    throw error;
  } finally {
    bar.stop();
    stream.destroy();
  }
  if (!chat) throw new CliFailure([`${options.file} has no messages list`]);
  const summary: ImportSummary = { chat, sent, totals, skipped };
  output.out.write(`${summaryLines(summary).join('\n')}\n`);
  return summary;
}

export interface CliStreams {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** The whole command: 0 imported, 1 failed, 2 wrong usage. */
export async function runCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: CliStreams, client: Pick<GatewayClientOptions, 'sleep'> = {}): Promise<number> {
  const parsed = parseImportArgs(argv, env);
  if (!parsed.ok) {
    if ('help' in parsed) {
      io.out.write(`${USAGE}\n`);
      return 0;
    }
    io.err.write(`import-signals: ${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    await runImportCli(parsed.options, { out: io.out, progress: io.err }, client);
    return 0;
  } catch (error) {
    const lines = error instanceof CliFailure ? error.lines : [error instanceof Error ? error.message : String(error)];
    io.err.write(`import-signals: ${lines.join('\n')}\n`);
    return 1;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2), process.env, { out: process.stdout, err: process.stderr }).then((code) => {
    process.exitCode = code;
  });
}
