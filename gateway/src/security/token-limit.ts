import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { Rejection } from './error-response';

/**
 * Counts the document's tokens with GraphQL Armor's lexer before Apollo parses it, stopping at the
 * limit, so an enormous document costs no more than `maxTokens` tokens of work. Syntax errors are left
 * for Apollo to report. Runs after persisted documents are resolved, so it sees the real text.
 */
export function tokenLimit(maxTokens: number): (query: unknown) => Rejection | null {
  // Clients repeat the same few documents: count each text once, not on every request.
  const withinLimit = new Set<string>();
  return (query) => {
    if (typeof query !== 'string' || withinLimit.has(query)) return null;
    let exceeded = false;
    try {
      new MaxTokensParserWLexer(query, { n: maxTokens, onReject: [() => (exceeded = true)], propagateOnRejection: true }).parseDocument();
    } catch {
      // a syntax error or the limit; only the limit is ours to answer
    }
    if (exceeded) return { status: 400, message: `Number of tokens exceeds the limit of ${maxTokens}`, extensions: { code: 'TOO_MANY_TOKENS', limit: maxTokens } };
    if (withinLimit.size >= 2000) withinLimit.clear();
    withinLimit.add(query);
    return null;
  };
}
