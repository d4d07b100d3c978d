import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { checkFileName } from '../domain/doc-file';
import { resolveType, sniffHead, SNIFF_BYTES, TextSniffer, type AllowedType } from '../domain/file-signature';
import { HttpErrors, type HttpRefusal } from '../errors';
import type { ReceivedFile } from '../services/doc-file.service';

export interface UploadLimits {
  readonly maxFileBytes: number;
  readonly maxFiles: number;
  /** The whole body, multipart framing included; past it the request is cut off. */
  readonly maxBodyBytes: number;
}

export type Received = { ok: true; files: ReceivedFile[]; fields: Record<string, string> } | { ok: false; refusal: HttpRefusal };

/** Small form fields beside the files (`public`); anything bigger is not ours. */
const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 1024;

/** One file part on its way to disk: hashed, counted and sniffed as it streams. */
class IncomingFile {
  private readonly hash = createHash('sha256');
  private readonly text = new TextSniffer();
  private head = Buffer.alloc(0);
  private sniffed: AllowedType | 'text' | null = null;
  private writer: WriteStream | null;
  private size = 0;
  private paused: (() => void) | null = null;
  readonly written: Promise<void>;
  problem: HttpRefusal | null = null;

  constructor(
    readonly field: string,
    readonly name: string,
    readonly path: string,
  ) {
    this.writer = createWriteStream(path, { flags: 'wx' });
    this.written = new Promise((resolve) => {
      // resolved either way: failures are reported through `problem`
      this.writer!.once('close', resolve);
      this.writer!.once('error', () => {
        this.problem ??= { status: 500, code: 'INTERNAL', message: 'The file could not be stored' };
      });
    });
  }

  /** Writes a chunk; false when the writer wants the source paused until it drains. */
  push(chunk: Buffer): boolean {
    if (!this.writer) return true;
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.sniffed === null) {
      this.head = Buffer.concat([this.head, chunk]).subarray(0, SNIFF_BYTES);
      if (this.head.length >= SNIFF_BYTES) this.sniff();
    }
    if (this.sniffed === 'text' && !this.text.push(chunk)) {
      this.fail(HttpErrors.unsupportedType(this.field, this.name, 'is neither an allowed binary type (PDF, PNG, JPEG, GIF, WEBP) nor UTF-8 text'));
      return true;
    }
    return this.writer.write(chunk);
  }

  onDrain(resume: () => void): void {
    this.paused = resume;
    this.writer?.once('drain', () => {
      this.paused = null;
      resume();
    });
  }

  /** Stops writing (the content is refused); the part itself is deleted by the receiver. */
  fail(problem: HttpRefusal): void {
    this.problem ??= problem;
    this.writer?.destroy();
    this.writer = null;
    // a destroyed writer never drains: let the source run on so the rest of the body is read
    const paused = this.paused;
    this.paused = null;
    paused?.();
  }

  /** The whole part has arrived: decide, and close the file. */
  async finish(truncated: boolean, maxFileBytes: number): Promise<void> {
    if (truncated) this.fail(HttpErrors.fileTooLarge(this.field, this.name, maxFileBytes));
    else if (this.size === 0) this.fail(HttpErrors.emptyFile(this.field, this.name));
    else {
      if (this.sniffed === null) this.sniff();
      if (this.sniffed === 'text' && !this.text.end()) this.fail(HttpErrors.unsupportedType(this.field, this.name, 'is neither an allowed binary type (PDF, PNG, JPEG, GIF, WEBP) nor UTF-8 text'));
    }
    this.writer?.end();
    await this.written;
  }

  /** After `finish`: what to record, or null when refused. */
  async result(): Promise<ReceivedFile | null> {
    if (this.problem || this.sniffed === null) return null;
    const resolved = resolveType(this.sniffed, this.name);
    if ('problem' in resolved) {
      this.problem = HttpErrors.unsupportedType(this.field, this.name, resolved.problem);
      return null;
    }
    if (resolved.type === 'application/json' && !(await parsesAsJson(this.path))) {
      this.problem = HttpErrors.unsupportedType(this.field, this.name, 'is named .json but is not valid JSON');
      return null;
    }
    return { incomingPath: this.path, originalName: this.name, mimeType: resolved.type, sizeBytes: this.size, sha256: this.hash.digest('hex') };
  }

  private sniff(): void {
    this.sniffed = sniffHead(this.head);
    if (this.sniffed === 'text') this.text.push(this.head);
  }
}

async function parsesAsJson(path: string): Promise<boolean> {
  try {
    JSON.parse(await readFile(path, 'utf8'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Streams a multipart/form-data request to incoming files without holding a file in memory, and decides
 * all or nothing: on any refusal every part written so far is deleted before this resolves. The body is
 * read to its end either way (busboy skips what it does not keep), so the client always gets the answer.
 */
export function receiveUploads(req: IncomingMessage, limits: UploadLimits, newPath: () => string): Promise<Received> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // keep the client's name as sent, so a name with a path in it is refused rather than silently cut
        preservePath: true,
        defParamCharset: 'utf8',
        // busboy stops at exactly fileSize bytes, so one more lets a file of the maximum size through whole
        limits: { fileSize: limits.maxFileBytes + 1, files: limits.maxFiles, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: limits.maxFiles + MAX_FIELDS },
      });
    } catch {
      // busboy refuses a content type without a boundary
      resolve({ ok: false, refusal: HttpErrors.notMultipart() });
      return;
    }
    const files: IncomingFile[] = [];
    const finishing: Array<Promise<void>> = [];
    const fields: Record<string, string> = {};
    let refusal: HttpRefusal | null = null;
    let settled = false;
    const refuse = (r: HttpRefusal): void => {
      refusal ??= r;
      for (const f of files) f.fail(r);
    };

    const settle = async (): Promise<void> => {
      if (settled) return;
      settled = true;
      await Promise.all(finishing);
      const results = refusal ? [] : await Promise.all(files.map((f) => f.result()));
      const problem = refusal ?? files.find((f) => f.problem)?.problem ?? (files.length === 0 ? HttpErrors.noFiles() : null);
      if (problem) {
        await Promise.all(files.map((f) => rm(f.path, { force: true })));
        resolve({ ok: false, refusal: problem });
        return;
      }
      resolve({ ok: true, files: results.filter((r): r is ReceivedFile => r !== null), fields });
    };

    parser.on('file', (_partName: string, stream: Readable, info: busboy.FileInfo) => {
      const field = `files[${files.length}]`;
      const name = checkFileName(info.filename);
      if (refusal || 'problem' in name) {
        if ('problem' in name) refuse(HttpErrors.badFileName(field, name.problem));
        stream.resume();
        return;
      }
      const file = new IncomingFile(field, name.name, newPath());
      files.push(file);
      let truncated = false;
      stream.on('limit', () => {
        truncated = true;
        refuse(HttpErrors.fileTooLarge(field, name.name, limits.maxFileBytes));
      });
      stream.on('data', (chunk: Buffer) => {
        if (!file.push(chunk)) {
          stream.pause();
          file.onDrain(() => stream.resume());
        }
      });
      finishing.push(
        new Promise<void>((done) => {
          stream.once('end', () => void file.finish(truncated, limits.maxFileBytes).then(done));
          stream.once('error', () => {
            file.fail(HttpErrors.malformed());
            void file.finish(false, limits.maxFileBytes).then(done);
          });
        }),
      );
    });
    parser.on('field', (name: string, value: string, info: busboy.FieldInfo) => {
      if (info.valueTruncated) refuse(HttpErrors.badField(name, `must be at most ${MAX_FIELD_BYTES} bytes`));
      else fields[name] = value;
    });
    parser.on('filesLimit', () => refuse(HttpErrors.tooManyFiles(limits.maxFiles)));
    parser.on('fieldsLimit', () => refuse(HttpErrors.badField('fields', `at most ${MAX_FIELDS} form fields`)));
    parser.on('partsLimit', () => refuse(HttpErrors.tooManyFiles(limits.maxFiles)));
    parser.on('error', () => {
      refuse(HttpErrors.malformed());
      req.unpipe(parser);
      req.resume();
      void settle();
    });
    parser.on('close', () => void settle());
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => {
      bodyBytes += chunk.length;
      if (bodyBytes > limits.maxBodyBytes && !refusal) {
        // busboy would skip preambles and padding forever; a body this size is not an upload of ours
        refuse(HttpErrors.bodyTooLarge(limits.maxBodyBytes));
        req.unpipe(parser);
        parser.destroy();
        void settle();
      }
    });
    // the client went away mid-upload: nobody to answer, but nothing may stay on disk
    req.on('close', () => {
      if (!req.complete) {
        refuse(HttpErrors.malformed());
        parser.destroy();
        void settle();
      }
    });
    req.pipe(parser);
  });
}
