import { REQUEST_ID_HEADER, VIEWER_HEADER, type Viewer } from '@b3/kit';
import { type DocumentNode, type ExecutionResult, GraphQLError, Kind, type OperationDefinitionNode, print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * Forwards a client's subscription to the subgraph that owns its root field, over one graphql-ws
 * connection per (subgraph, viewer). Sharing upstream subscriptions between clients and enriching
 * events with fields from other subgraphs are the next steps (issue 3).
 */
export class SubscriptionForwarder {
  private readonly clients = new Map<string, Client>();

  constructor(
    private readonly owners: ReadonlyMap<string, string>,
    private readonly urls: ReadonlyMap<string, string>,
    private readonly signViewer: (viewer: Viewer) => Promise<string>,
  ) {}

  ownerOf(document: DocumentNode, operationName?: string | null): string {
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    const field = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
    const owner = field && field.kind === Kind.FIELD ? this.owners.get(field.name.value) : undefined;
    if (!owner) throw new GraphQLError('Unknown subscription field', { extensions: { code: 'BAD_USER_INPUT' } });
    return owner;
  }

  async *forward(
    args: { document: DocumentNode; variables?: Record<string, unknown> | null; operationName?: string | null },
    viewer: Viewer | null,
    requestId: string,
  ): AsyncGenerator<ExecutionResult> {
    const subgraph = this.ownerOf(args.document, args.operationName);
    const client = await this.clientFor(subgraph, viewer, requestId);
    const iterator = client.iterate({
      query: print(args.document),
      variables: args.variables ?? undefined,
      operationName: args.operationName ?? undefined,
    });
    try {
      for await (const result of iterator) yield result as ExecutionResult;
    } finally {
      await iterator.return?.();
    }
  }

  private async clientFor(subgraph: string, viewer: Viewer | null, requestId: string): Promise<Client> {
    const key = `${subgraph}|${viewer ? `${viewer.id}|${viewer.roles.join(',')}` : ''}`;
    const existing = this.clients.get(key);
    if (existing) return existing;
    const httpUrl = this.urls.get(subgraph);
    if (!httpUrl) throw new GraphQLError(`No URL for subgraph ${subgraph}`, { extensions: { code: 'INTERNAL' } });
    const client = createClient({
      url: httpUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: 3000,
      keepAlive: 10_000,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      // re-signed on every (re)connect so a long-lived upstream never presents an expired identity
      connectionParams: async () => ({
        [REQUEST_ID_HEADER]: requestId,
        ...(viewer ? { [VIEWER_HEADER]: await this.signViewer(viewer) } : {}),
      }),
    });
    this.clients.set(key, client);
    return client;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.dispose()));
    this.clients.clear();
  }
}
