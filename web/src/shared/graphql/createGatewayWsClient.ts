import { createClient, type Client } from 'graphql-ws';
import { backoffDelay } from './backoffDelay';
import type { ConnectionState } from './connectionState';

const KEEP_ALIVE_MS = 10_000;

/**
 * A graphql-transport-ws client that never gives up on the gateway: unlimited attempts with capped backoff,
 * and a ping so a silently dropped socket is noticed. Close codes that graphql-ws treats as fatal end the
 * client's own loop; `useSubscription` resubscribes after those, which opens a fresh socket.
 */
export function createGatewayWsClient(url: string, onState: (state: ConnectionState) => void): Client {
  let attempted = false;
  let disposed = false;
  const report = (state: ConnectionState): void => {
    if (!disposed) onState(state);
  };
  const client = createClient({
    url,
    lazy: false,
    keepAlive: KEEP_ALIVE_MS,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, backoffDelay(retries))),
    // A fatal close is already handled by resubscribing; the default would log it to the console.
    onNonLazyError: () => undefined,
    on: {
      connecting: () => {
        report(attempted ? 'reconnecting' : 'connecting');
        attempted = true;
      },
      connected: () => report('live'),
      closed: () => report('reconnecting'),
    },
  });
  return {
    ...client,
    dispose: () => {
      disposed = true;
      return client.dispose();
    },
  };
}
