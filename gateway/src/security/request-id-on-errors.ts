import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Masked errors say only "Internal error"; the request id on every error lets support find the logged
 * details without the client ever seeing them.
 */
export function requestIdOnErrors<TContext extends { requestId: string }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) =>
            error.extensions?.requestId ? error : { ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } },
          );
        },
      };
    },
  };
}
