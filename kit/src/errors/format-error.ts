import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { Logger } from '../logging/logger';

interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

function flattenValidation(issues: ValidationIssue[], prefix = ''): Array<{ field: string; message: string }> {
  return issues.flatMap((issue) => {
    const field = prefix ? `${prefix}.${issue.property}` : issue.property;
    const own = Object.values(issue.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidation(issue.children ?? [], field)];
  });
}

function codeOf(formatted: GraphQLFormattedError): string | undefined {
  const code = formatted.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * One error policy for every server: known codes pass through without stack traces; class-validator
 * failures become BAD_USER_INPUT with per-field messages; anything else becomes INTERNAL carrying only
 * the request id, with the details logged.
 */
export function createFormatError(logger: Logger, requestIdOf: (error: unknown) => string | undefined = () => undefined) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as { originalError?: unknown } | null)?.originalError ?? error;
    if (original instanceof ArgumentValidationError) {
      const issues = flattenValidation(original.extensions.validationErrors as unknown as ValidationIssue[]);
      return {
        message: issues.length ? `Invalid input: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}` : 'Invalid input',
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT', fields: issues },
      };
    }
    const code = codeOf(formatted);
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    if (code && code !== 'INTERNAL_SERVER_ERROR' && code !== 'INTERNAL') {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    const requestId = requestIdOf(error);
    logger.error({ err: original, path: formatted.path, requestId }, 'unexpected error while resolving');
    return {
      message: 'Internal error' + (requestId ? ` (request ${requestId})` : ''),
      path: formatted.path,
      extensions: { code: 'INTERNAL', requestId },
    };
  };
}
