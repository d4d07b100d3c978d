import { existsSync, readFileSync } from 'node:fs';
import { stripIgnoredCharacters } from 'graphql';
import type { Rejection } from './error-response';

export const PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND';

export interface PersistedDocuments {
  byHash: ReadonlyMap<string, string>;
  /** Manifest documents keyed by their text without insignificant whitespace and commas. */
  byCanonicalText: ReadonlySet<string>;
}

function canonical(document: string): string | null {
  try {
    return stripIgnoredCharacters(document);
  } catch {
    return null;
  }
}

/** Reads the SDK's manifest (`npm run codegen` writes it); a missing file is an empty allowlist. */
export function loadPersistedDocuments(file: string): PersistedDocuments {
  const raw: unknown = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${file} must be a JSON object of hash → document`);
  const byHash = new Map<string, string>();
  const byCanonicalText = new Set<string>();
  for (const [hash, document] of Object.entries(raw)) {
    if (typeof document !== 'string') throw new Error(`${file}: entry ${hash} is not a document string`);
    byHash.set(hash, document);
    const text = canonical(document);
    if (text) byCanonicalText.add(text);
  }
  return { byHash, byCanonicalText };
}

export interface GraphQLRequestFields {
  query?: unknown;
  documentId?: unknown;
  extensions?: ({ persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>) | undefined;
}

/**
 * Resolves `documentId` or Apollo-style `extensions.persistedQuery.sha256Hash` to the manifest's text
 * before Apollo parses the request (Apollo's own APQ cache stays off: an APQ client could otherwise
 * register any document). With `persistedOnly`, free-form text is accepted only when it is one of the
 * manifest's documents, so the SDK's pretty-printed strings keep working. `write` puts the resolved text
 * (and the remaining extensions) back into the request.
 */
export function persistedDocumentResolver(
  documents: PersistedDocuments,
  options: { persistedOnly: boolean },
): (fields: GraphQLRequestFields, write: (query: string, extensions: Record<string, unknown> | undefined) => void) => Rejection | null {
  const notFound = (message: string): Rejection => ({ status: 400, message, extensions: { code: PERSISTED_QUERY_NOT_FOUND } });
  // texts already matched against the manifest, so the canonical form is computed once per text
  const accepted = new Set<string>();
  return (fields, write) => {
    const apqHash = fields.extensions?.persistedQuery?.sha256Hash;
    const id = typeof fields.documentId === 'string' ? fields.documentId : typeof apqHash === 'string' ? apqHash : undefined;
    if (id !== undefined) {
      const document = documents.byHash.get(id.startsWith('sha256:') ? id.slice('sha256:'.length) : id);
      if (!document) return notFound(`No persisted document with id ${id}`);
      const { persistedQuery: _persisted, ...rest } = fields.extensions ?? {};
      write(document, Object.keys(rest).length ? rest : undefined);
      return null;
    }
    if (options.persistedOnly && typeof fields.query === 'string' && !accepted.has(fields.query)) {
      const text = canonical(fields.query);
      if (!text || !documents.byCanonicalText.has(text)) return notFound('Only persisted operations are accepted: send a documentId from the SDK manifest');
      if (accepted.size >= 2000) accepted.clear();
      accepted.add(fields.query);
    }
    return null;
  };
}

/** For transports that carry documents outside HTTP (graphql-ws, SSE): is this text in the allowlist? */
export function isPersistedDocument(documents: PersistedDocuments, text: string): boolean {
  const key = canonical(text);
  return key !== null && documents.byCanonicalText.has(key);
}
