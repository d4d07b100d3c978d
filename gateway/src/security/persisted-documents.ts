import { existsSync, readFileSync } from 'node:fs';
import type { RequestHandler } from 'express';
import { stripIgnoredCharacters } from 'graphql';
import { sendGraphQLError } from './error-response';

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

interface GraphQLRequestFields {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
}

function parseJsonParam(value: string | null): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * Resolves `documentId` or Apollo-style `extensions.persistedQuery.sha256Hash` to the manifest's text
 * before Apollo parses the request (Apollo's own APQ cache stays off: an APQ client could otherwise
 * register any document). With `persistedOnly`, free-form text is accepted only when it is one of the
 * manifest's documents, so the SDK's pretty-printed strings keep working.
 */
export function persistedDocumentsMiddleware(documents: PersistedDocuments, options: { persistedOnly: boolean }): RequestHandler {
  const notFound = (res: Parameters<RequestHandler>[1], message: string) =>
    sendGraphQLError(res, 400, message, { code: PERSISTED_QUERY_NOT_FOUND });

  // texts already matched against the manifest, so the canonical form is computed once per text
  const accepted = new Set<string>();
  return (req, res, next) => {
    let fields: GraphQLRequestFields;
    let write: (query: string, extensions: Record<string, unknown> | undefined) => void;
    if (req.method === 'GET') {
      const url = new URL(req.url, 'http://gateway.local');
      fields = {
        query: url.searchParams.get('query') ?? undefined,
        documentId: url.searchParams.get('documentId') ?? undefined,
        extensions: parseJsonParam(url.searchParams.get('extensions')) as GraphQLRequestFields['extensions'],
      };
      write = (query, extensions) => {
        url.searchParams.set('query', query);
        url.searchParams.delete('documentId');
        if (extensions) url.searchParams.set('extensions', JSON.stringify(extensions));
        else url.searchParams.delete('extensions');
        req.url = `${url.pathname}${url.search}`;
      };
    } else if (req.body && typeof req.body === 'object' && !Array.isArray(req.body)) {
      const body = req.body as GraphQLRequestFields & Record<string, unknown>;
      fields = body;
      write = (query, extensions) => {
        body.query = query;
        delete body.documentId;
        if (extensions) body.extensions = extensions;
        else delete body.extensions;
      };
    } else {
      next();
      return;
    }

    const apqHash = fields.extensions?.persistedQuery?.sha256Hash;
    const id = typeof fields.documentId === 'string' ? fields.documentId : typeof apqHash === 'string' ? apqHash : undefined;
    if (id !== undefined) {
      const document = documents.byHash.get(id.startsWith('sha256:') ? id.slice('sha256:'.length) : id);
      if (!document) {
        notFound(res, `No persisted document with id ${id}`);
        return;
      }
      const { persistedQuery: _persisted, ...rest } = fields.extensions ?? {};
      write(document, Object.keys(rest).length ? rest : undefined);
      next();
      return;
    }
    if (options.persistedOnly && typeof fields.query === 'string' && !accepted.has(fields.query)) {
      const text = canonical(fields.query);
      if (!text || !documents.byCanonicalText.has(text)) {
        notFound(res, 'Only persisted operations are accepted: send a documentId from the SDK manifest');
        return;
      }
      if (accepted.size >= 2000) accepted.clear();
      accepted.add(fields.query);
    }
    next();
  };
}

/** For transports that carry documents outside HTTP (graphql-ws, SSE): is this text in the allowlist? */
export function isPersistedDocument(documents: PersistedDocuments, text: string): boolean {
  const key = canonical(text);
  return key !== null && documents.byCanonicalText.has(key);
}
