/**
 * Incremental reader for a JSON document shaped `{ ...fields, "<arrayKey>": [ item, item, ... ] }` (a
 * Telegram chat export): it yields each top-level field and each array item as soon as its text is
 * complete, so memory stays at one item however large the file is. Every yielded value goes through
 * JSON.parse, so a malformed item is reported, never half-read.
 */
export type ExportScanEvent =
  | { readonly kind: 'field'; readonly key: string; readonly value: unknown }
  /** The array opened: every field written before it has been yielded. */
  | { readonly kind: 'array-start' }
  | { readonly kind: 'item'; readonly index: number; readonly value: unknown };

export class ExportScanError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} (at character ${position})`);
    this.name = 'ExportScanError';
  }
}

export interface ExportScanner {
  /** Consumes the next piece of text and returns what it completed. */
  feed(text: string): ExportScanEvent[];
  /** Ends the input; throws if the document is incomplete. */
  finish(): void;
}

export interface ExportScannerLimits {
  /** Largest array item, in characters. */
  maxItemChars: number;
  /** Largest other top-level value: a full-account export's `chats` would otherwise be buffered whole. */
  maxFieldChars: number;
}

const DEFAULT_LIMITS: ExportScannerLimits = { maxItemChars: 8 * 1024 * 1024, maxFieldChars: 1024 * 1024 };

type Phase = 'start' | 'key' | 'colon' | 'value' | 'next' | 'item' | 'item-next' | 'end';
type CaptureRole = 'key' | 'field' | 'item';

interface Capture {
  role: CaptureRole;
  /** container: to the matching bracket; string: to the closing quote; scalar: to the next delimiter. */
  shape: 'container' | 'string' | 'scalar';
  parts: string[];
  from: number;
  size: number;
  depth: number;
  inString: boolean;
  escaped: boolean;
}

const orEnd = (found: number): number => (found < 0 ? Number.POSITIVE_INFINITY : found);
const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\r' || c === '\t';

export function createExportScanner(arrayKey: string, limits: ExportScannerLimits = DEFAULT_LIMITS): ExportScanner {
  let phase: Phase = 'start';
  let capture: Capture | null = null;
  let key = '';
  let items = 0;
  let consumed = 0;
  let sawArray = false;

  const fail = (message: string, at: number): never => {
    throw new ExportScanError(message, consumed + at);
  };

  const begin = (role: CaptureRole, c: string, at: number): void => {
    const shape = c === '{' || c === '[' ? 'container' : c === '"' ? 'string' : 'scalar';
    capture = { role, shape, parts: [], from: at, size: 0, depth: shape === 'container' ? 1 : 0, inString: shape === 'string', escaped: false };
  };

  /** Advances the capture over text[i]; true when the value ended (scalars end before text[i]). */
  const step = (cap: Capture, c: string): 'more' | 'inclusive' | 'exclusive' => {
    if (cap.inString) {
      if (cap.escaped) cap.escaped = false;
      else if (c === '\\') cap.escaped = true;
      else if (c === '"') {
        cap.inString = false;
        if (cap.shape === 'string') return 'inclusive';
      }
      return 'more';
    }
    if (cap.shape === 'scalar') return c === ',' || c === '}' || c === ']' || isSpace(c) ? 'exclusive' : 'more';
    if (c === '"') cap.inString = true;
    else if (c === '{' || c === '[') cap.depth++;
    else if (c === '}' || c === ']') {
      cap.depth--;
      if (cap.depth === 0) return 'inclusive';
    }
    return 'more';
  };

  const parse = (text: string, at: number, what: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return fail(`${what} is not valid JSON`, at);
    }
  };

  return {
    feed(input) {
      const events: ExportScanEvent[] = [];
      const text = consumed === 0 && input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
      // next quote and backslash at or after i, found once per chunk rather than once per string
      let quoteAt = -1;
      let slashAt = -1;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        const cap: Capture | null = capture;
        if (cap) {
          // strings are most of an export: jump to the next quote or backslash instead of stepping each character
          if (cap.inString && !cap.escaped) {
            if (quoteAt < i) quoteAt = orEnd(text.indexOf('"', i));
            if (slashAt < i) slashAt = orEnd(text.indexOf('\\', i));
            const next = Math.min(quoteAt, slashAt);
            if (next >= text.length) break;
            i = next;
          }
          const end = step(cap, text[i]);
          if (end === 'more') continue;
          const stop = end === 'inclusive' ? i + 1 : i;
          const value = cap.parts.join('') + text.slice(cap.from, stop);
          capture = null;
          if (cap.role === 'key') {
            key = parse(value, i, 'a key') as string;
            phase = 'colon';
          } else if (cap.role === 'field') {
            events.push({ kind: 'field', key, value: parse(value, i, `the value of "${key}"`) });
            phase = 'next';
          } else {
            events.push({ kind: 'item', index: items, value: parse(value, i, `${arrayKey}[${items}]`) });
            items++;
            phase = 'item-next';
          }
          if (end === 'exclusive') i--; // the delimiter belongs to the enclosing level
          continue;
        }
        if (isSpace(c)) continue;
        switch (phase) {
          case 'start':
            if (c !== '{') fail(c === '[' ? 'expected one chat export (an object), got a list' : 'expected a JSON object', i);
            phase = 'key';
            break;
          case 'key':
            if (c === '}') phase = 'end';
            else if (c === '"') begin('key', c, i);
            else fail('expected a key', i);
            break;
          case 'colon':
            if (c !== ':') fail(`expected ":" after "${key}"`, i);
            phase = 'value';
            break;
          case 'value':
            if (key === arrayKey && c === '[') {
              sawArray = true;
              events.push({ kind: 'array-start' });
              phase = 'item';
            } else {
              if (key === arrayKey) fail(`"${arrayKey}" must be a list`, i);
              begin('field', c, i);
            }
            break;
          case 'next':
            if (c === ',') phase = 'key';
            else if (c === '}') phase = 'end';
            else fail('expected "," or "}"', i);
            break;
          case 'item':
            if (c === ']') phase = 'next';
            else begin('item', c, i);
            break;
          case 'item-next':
            if (c === ',') phase = 'item';
            else if (c === ']') phase = 'next';
            else fail(`expected "," or "]" in "${arrayKey}"`, i);
            break;
          case 'end':
            fail('unexpected text after the end of the document', i);
        }
      }
      const open: Capture | null = capture;
      if (open) {
        const rest = text.slice(open.from);
        open.size += rest.length;
        const max = open.role === 'item' ? limits.maxItemChars : limits.maxFieldChars;
        if (open.size > max) {
          fail(open.role === 'item' ? `${arrayKey}[${items}] is larger than ${max} characters` : `the value of "${key}" is larger than ${max} characters; is this a single-chat export?`, text.length);
        }
        open.parts.push(rest);
        open.from = 0;
      }
      consumed += text.length;
      return events;
    },
    finish() {
      if (phase !== 'end') fail('the document ends early', 0);
      if (!sawArray) fail(`there is no "${arrayKey}" list`, 0);
    },
  };
}

/** Scans text chunks (a file read with an encoding) as they arrive. */
export async function* scanExport(chunks: AsyncIterable<string>, arrayKey: string, limits?: ExportScannerLimits): AsyncGenerator<ExportScanEvent> {
  const scanner = createExportScanner(arrayKey, limits);
  for await (const chunk of chunks) yield* scanner.feed(chunk);
  scanner.finish();
}
