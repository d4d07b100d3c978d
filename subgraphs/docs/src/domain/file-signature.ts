/**
 * Content sniffing for uploads: the first bytes decide the type, never the name or the declared
 * content type. Binary formats by magic number; anything else must read as UTF-8 text (checked over the
 * whole file by TextSniffer) and then takes its text subtype from the extension.
 */
export const ALLOWED_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'text/plain', 'text/markdown', 'text/csv', 'application/json'] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];

/** Bytes needed to tell the binary types apart (WEBP's tag ends at byte 12). */
export const SNIFF_BYTES = 16;

interface Signature {
  readonly type: AllowedType;
  readonly matches: (head: Buffer) => boolean;
}

const startsWith = (head: Buffer, bytes: readonly number[], offset = 0): boolean => head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b);
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

const SIGNATURES: readonly Signature[] = [
  { type: 'application/pdf', matches: (h) => startsWith(h, ascii('%PDF-')) },
  { type: 'image/png', matches: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', matches: (h) => startsWith(h, ascii('GIF87a')) || startsWith(h, ascii('GIF89a')) },
  { type: 'image/webp', matches: (h) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8) },
];

/** Which extensions each type may be named with; a name without an extension takes the sniffed type. */
const EXTENSIONS: Readonly<Record<string, AllowedType>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  text: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
};

const TEXT_TYPES: ReadonlySet<AllowedType> = new Set(['text/plain', 'text/markdown', 'text/csv', 'application/json']);

/** A binary type from the first bytes, or 'text' when none matches (to be confirmed by TextSniffer). */
export function sniffHead(head: Buffer): AllowedType | 'text' {
  return SIGNATURES.find((s) => s.matches(head))?.type ?? 'text';
}

export function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : null;
}

/**
 * The type a file is stored with, or why it is refused: the extension (if any) must be one we allow and
 * agree with the content; text takes its subtype (Markdown, CSV, JSON) from the extension.
 */
export function resolveType(sniffed: AllowedType | 'text', name: string): { type: AllowedType } | { problem: string } {
  const ext = extensionOf(name);
  const named = ext === null ? null : EXTENSIONS[ext];
  if (ext !== null && named === undefined) return { problem: `has the extension .${ext}, which is not allowed (allowed: ${Object.keys(EXTENSIONS).map((e) => `.${e}`).join(' ')})` };
  if (sniffed === 'text') {
    if (named == null) return { type: 'text/plain' };
    return TEXT_TYPES.has(named) ? { type: named } : { problem: `is named .${ext} but its content is text` };
  }
  if (named != null && named !== sniffed) return { problem: `is named .${ext} but its content is ${sniffed}` };
  return { type: sniffed };
}

/**
 * Confirms, chunk by chunk, that a file without a binary signature is text: valid UTF-8 (a BOM allowed),
 * no NUL, and no control characters besides tab, line feed, carriage return and form feed. An executable
 * renamed `.txt` fails on its first chunk.
 */
export class TextSniffer {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  private ok = true;

  push(chunk: Buffer): boolean {
    if (!this.ok) return false;
    try {
      this.ok = !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(this.decoder.decode(chunk, { stream: true }));
    } catch {
      this.ok = false;
    }
    return this.ok;
  }

  /** True when everything pushed was text, including a clean end (no half a UTF-8 sequence). */
  end(): boolean {
    if (!this.ok) return false;
    try {
      this.decoder.decode();
      return true;
    } catch {
      return false;
    }
  }
}
