import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type GraphQLFormattedError, type ValidationContext, type ValidationRule } from 'graphql';
import type { QueryLimits } from './security-config';

const LIMIT_CODES = new Set(['QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES', 'QUERY_TOO_COMPLEX']);

/** Armor reports through callbacks; ours replace its generic BAD_USER_INPUT with a code per limit. */
function rejectWith(code: string, what: string, limit: number) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null) =>
        context?.reportError(new GraphQLError(`${what} exceeds the limit of ${limit}`, { extensions: { code, limit } })),
    ],
  };
}

/**
 * Depth, alias, directive and cost limits (GraphQL Armor) as validation rules: a rejected operation
 * never reaches the query planner, so no subgraph is called. Tokens are counted earlier, on the raw
 * text (see token-limit.ts).
 */
export function queryLimitProtection(limits: QueryLimits): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, ...rejectWith('QUERY_TOO_DEEP', 'Query depth', limits.maxDepth) },
    maxAliases: { n: limits.maxAliases, ...rejectWith('TOO_MANY_ALIASES', 'Number of aliases', limits.maxAliases) },
    maxDirectives: { n: limits.maxDirectives, ...rejectWith('TOO_MANY_DIRECTIVES', 'Number of directives', limits.maxDirectives) },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, ...rejectWith('QUERY_TOO_COMPLEX', 'Query cost', limits.maxCost) },
    // armor's token check throws from a parsing hook, which Apollo turns into a 500
    maxTokens: { enabled: false },
    // field suggestions would let an anonymous caller map the schema with introspection off
    blockFieldSuggestion: { enabled: true },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules };
}

/**
 * Apollo files every validation error under GRAPHQL_VALIDATION_FAILED; a limit's own code is kept on
 * the original error and put back so clients can tell which limit they hit.
 */
export function withLimitCodes(
  format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const original = (error as { originalError?: unknown } | null)?.originalError;
    const code = original instanceof GraphQLError ? original.extensions.code : undefined;
    if (typeof code === 'string' && LIMIT_CODES.has(code)) {
      return format({ ...formatted, extensions: { ...formatted.extensions, code } }, error);
    }
    return format(formatted, error);
  };
}
