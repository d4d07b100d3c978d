import { readFile } from 'node:fs/promises';
import { CliFailure, createGatewayRequest, DEFAULT_GATEWAY_URL, describeErrors, readImportArgs } from '@b3/kit';
import { Presets, SingleBar } from 'cli-progress';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { B3_IMPORT_FORMATS, B3_IMPORT_KINDS, type B3ImportFormat, type B3ImportKind, formatFromFileName, isImportFormat, isImportKind, kindFromFileName } from '../domain/b3/import-kinds';

export const USAGE = `Usage: node subgraphs/market/dist/cli/import-b3.js <file> [options]

Imports a B3 data file through the gateway and follows its progress.

  --kind <KIND>      ${B3_IMPORT_KINDS.join(' | ')}
                     (default: from the file name, e.g. indicator-history.csv → INDICATOR_HISTORY)
  --format <FORMAT>  ${B3_IMPORT_FORMATS.join(' | ')} (default: from the extension)
  --url <URL>        gateway GraphQL endpoint (default: the local gateway, http://127.0.0.1:8000/graphql);
                     progress is followed over graphql-ws at the same URL (ws://…)
  --token <JWT>      an admin's token (default: the B3_TOKEN environment variable)
  -h, --help         this text`;

export const DEFAULT_URL = DEFAULT_GATEWAY_URL;

export interface ImportCliOptions {
  file: string;
  kind: B3ImportKind;
  format: B3ImportFormat;
  url: string;
  /** The same endpoint for graphql-ws. */
  wsUrl: string;
  token: string | null;
}

export type ParsedImportArgs = { ok: true; options: ImportCliOptions } | { ok: false; error: string } | { ok: false; help: true };

/** argv (without node and the script) → options; pure, so every rule is unit-tested. */
export function parseImportArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ParsedImportArgs {
  const read = readImportArgs(argv, { valueOptions: ['--kind', '--format'], fileHint: 'file', env });
  if (!read.ok) return read;
  const { file, values, url, token } = read.args;

  const kindText = values.get('--kind')?.toUpperCase() ?? kindFromFileName(file);
  if (!kindText) return { ok: false, error: `cannot tell the kind from the file name ${file}; pass --kind (${B3_IMPORT_KINDS.join(', ')})` };
  if (!isImportKind(kindText)) return { ok: false, error: `--kind must be one of ${B3_IMPORT_KINDS.join(', ')}` };

  const formatText = values.get('--format')?.toUpperCase() ?? formatFromFileName(file);
  if (!formatText) return { ok: false, error: `cannot tell the format from the extension of ${file}; use .csv or .json, or pass --format` };
  if (!isImportFormat(formatText)) return { ok: false, error: `--format must be one of ${B3_IMPORT_FORMATS.join(', ')}` };

  const parsed = new URL(url);
  const wsUrl = `${parsed.protocol === 'https:' ? 'wss:' : 'ws:'}${url.slice(parsed.protocol.length)}`;

  return { ok: true, options: { file, kind: kindText, format: formatText, url, wsUrl, token } };
}

export interface JobState {
  id?: string;
  jobId?: string;
  kind: string;
  status: 'RUNNING' | 'DONE' | 'FAILED';
  total: number;
  processed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  error: string | null;
}

const JOB_FIELDS = 'kind status total processed inserted updated unchanged error';
const IMPORT = `mutation Import($kind: B3ImportKind!, $format: B3ImportFormat!, $content: String!) {
  importB3Data(kind: $kind, format: $format, content: $content) { id ${JOB_FIELDS} }
}`;
const BEGIN = `mutation Begin($kind: B3ImportKind!, $format: B3ImportFormat!) { beginB3Upload(kind: $kind, format: $format) }`;
const APPEND = `mutation Append($uploadId: ID!, $content: String!) { appendB3UploadPart(uploadId: $uploadId, content: $content) }`;
const COMMIT = `mutation Commit($uploadId: ID!) { commitB3Upload(uploadId: $uploadId) { id ${JOB_FIELDS} } }`;
const PROGRESS = `subscription Progress($jobId: ID!) { b3ImportProgress(jobId: $jobId) { jobId ${JOB_FIELDS} } }`;
const JOB = `query Job($id: ID!) { b3ImportJob(id: $id) { id ${JOB_FIELDS} } }`;

function post<T>(options: ImportCliOptions, query: string, variables: Record<string, unknown>): Promise<T> {
  return createGatewayRequest({ url: options.url, token: options.token })<T>(query, variables);
}

const summary = (job: JobState): string =>
  `${job.kind}: ${job.total} rows — ${job.inserted} inserted, ${job.updated} updated, ${job.unchanged} unchanged`;

/** Follows the job over graphql-ws; resolves with its last state (RUNNING if the stream broke off early). */
async function follow(options: ImportCliOptions, job: JobState, onProgress: (state: JobState) => void): Promise<JobState> {
  const client = createClient({
    url: options.wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: options.token ? { authorization: `Bearer ${options.token}` } : {},
  });
  let last = job;
  try {
    for await (const event of client.iterate<{ b3ImportProgress: JobState }>({ query: PROGRESS, variables: { jobId: job.id } })) {
      if (event.errors?.length) throw new CliFailure(describeErrors(event.errors));
      if (!event.data) continue;
      last = event.data.b3ImportProgress;
      onProgress(last);
      if (last.status !== 'RUNNING') break;
    }
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    // the socket went away: the job itself carries on, so poll it instead
  } finally {
    await client.dispose();
  }
  return last;
}

async function poll(options: ImportCliOptions, jobId: string, onProgress: (state: JobState) => void): Promise<JobState> {
  for (;;) {
    const { b3ImportJob: job } = await post<{ b3ImportJob: JobState | null }>(options, JOB, { id: jobId });
    if (!job) throw new CliFailure([`job ${jobId} is no longer known to the server`]);
    onProgress(job);
    if (job.status !== 'RUNNING') return job;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Characters per request: JSON-escaped, a part stays under the gateway's default 100 KiB body limit. */
export const PART_CHARS = 48 * 1024;

/** Splits text into parts of at most `size` characters without cutting a surrogate pair. */
export function splitParts(content: string, size = PART_CHARS): string[] {
  const parts: string[] = [];
  for (let start = 0; start < content.length; ) {
    let end = Math.min(start + size, content.length);
    const last = content.charCodeAt(end - 1);
    if (end < content.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(content.slice(start, end));
    start = end;
  }
  return parts;
}

/** One mutation for a small file; begin/append/commit for one above the gateway's body limit. */
async function send(options: ImportCliOptions, content: string): Promise<JobState> {
  if (content.length <= PART_CHARS) {
    return (await post<{ importB3Data: JobState }>(options, IMPORT, { kind: options.kind, format: options.format, content })).importB3Data;
  }
  const { beginB3Upload: uploadId } = await post<{ beginB3Upload: string }>(options, BEGIN, { kind: options.kind, format: options.format });
  for (const part of splitParts(content)) await post(options, APPEND, { uploadId, content: part });
  return (await post<{ commitB3Upload: JobState }>(options, COMMIT, { uploadId })).commitB3Upload;
}

export interface CliOutput {
  /** The final counts. */
  out: NodeJS.WritableStream;
  /** The progress bar. */
  progress: NodeJS.WritableStream;
}

/** Sends the file, follows the job to its end and prints the counts; throws CliFailure when it did not import. */
export async function runImportCli(options: ImportCliOptions, output: CliOutput = { out: process.stdout, progress: process.stderr }): Promise<JobState> {
  const content = await readFile(options.file, 'utf8').catch((error: unknown) => {
    throw new CliFailure([`cannot read ${options.file}: ${error instanceof Error ? error.message : String(error)}`]);
  });
  const job = await send(options, content);
  const bar = new SingleBar({ format: `${options.kind} [{bar}] {value}/{total} rows | {status}`, hideCursor: true, stream: output.progress }, Presets.shades_classic);
  bar.start(job.total, job.processed, { status: job.status });
  const show = (state: JobState): void => {
    bar.setTotal(state.total);
    bar.update(state.processed, { status: state.status });
  };
  let final: JobState;
  try {
    final = await follow(options, job, show);
    if (final.status === 'RUNNING') final = await poll(options, job.id!, show);
  } finally {
    bar.stop();
  }
  if (final.status === 'FAILED') throw new CliFailure([`import ${job.id} failed: ${final.error ?? 'unknown error'}`]);
  output.out.write(`${summary(final)} (job ${job.id})\n`);
  return final;
}

async function main(): Promise<void> {
  const parsed = parseImportArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    if ('help' in parsed) process.stdout.write(`${USAGE}\n`);
    else process.stderr.write(`import-b3: ${parsed.error}\n\n${USAGE}\n`);
    process.exitCode = 'help' in parsed ? 0 : 2;
    return;
  }
  try {
    await runImportCli(parsed.options);
    process.exitCode = 0;
  } catch (error) {
    const lines = error instanceof CliFailure ? error.lines : [error instanceof Error ? error.message : String(error)];
    process.stderr.write(`import-b3: ${lines.join('\n')}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
