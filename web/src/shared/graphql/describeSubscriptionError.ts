/**
 * graphql-ws rejects a subscription with GraphQL errors, an Error, or the socket's CloseEvent; the desk shows
 * one readable line whichever it was.
 */
export function describeSubscriptionError(error: unknown): string {
  if (Array.isArray(error)) {
    const messages = error.map((item) => (isObject(item) && typeof item.message === 'string' ? item.message : String(item)));
    return messages.length ? messages.join('; ') : 'subscription rejected';
  }
  if (error instanceof Error) return error.message || error.name;
  if (isObject(error) && typeof error.code === 'number') {
    const reason = typeof error.reason === 'string' && error.reason ? `: ${error.reason}` : '';
    return `socket closed (${error.code}${reason})`;
  }
  return String(error);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
