import type { TypedDocumentString } from '../../gql/graphql';

interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: ReadonlyArray<{ message: string }>;
}

export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError';
}

/** One GraphQL operation over HTTP POST; resolves with `data` or rejects with the server's messages. */
export async function postGraphQL<TData, TVariables>(
  url: string,
  document: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TData> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query: document.toString(), variables }),
    signal,
  });
  let body: GraphQLResponse<TData>;
  try {
    body = (await response.json()) as GraphQLResponse<TData>;
  } catch {
    throw new GraphQLRequestError(`gateway answered HTTP ${response.status} without a GraphQL body`);
  }
  if (body.errors?.length) throw new GraphQLRequestError(body.errors.map((e) => e.message).join('; '));
  if (!response.ok || body.data == null) throw new GraphQLRequestError(`gateway answered HTTP ${response.status} without data`);
  return body.data;
}
