import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { REQUEST_ID_HEADER, VIEWER_HEADER } from '@b3/kit';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './plugins/auth';

/**
 * Forwards identity and request id to a subgraph, and turns a dead subgraph into a clear
 * SUBGRAPH_UNAVAILABLE error on just the fields it owns.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly name: string,
    url: string,
    private readonly signViewer: (viewer: NonNullable<GatewayContext['viewer']>) => Promise<string>,
  ) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    if (!headers || !context) return;
    if ('requestId' in context && context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if ('viewer' in context && context.viewer) headers.set(VIEWER_HEADER, await this.signViewer(context.viewer));
  }

  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError) throw error;
    throw new GraphQLError(`The ${this.name} service is unavailable`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.name },
    });
  }
}
