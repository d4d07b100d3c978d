import { useEffect, useLayoutEffect, useRef } from 'react';
import type { TypedDocumentString } from '../../gql/graphql';
import { backoffDelay } from './backoffDelay';
import { useGateway } from './GatewayProvider';

/**
 * Keeps one subscription open for the component's lifetime. Socket drops are retried by the client itself;
 * this also restarts the operation when the server ends or rejects it, so the desk never goes quiet for good.
 * `onError` hears every rejection (and every result with errors but no data) before the restart, so a panel can
 * mark what it shows as stale; socket drops never reach it, the connection state already reports those.
 */
export function useSubscription<TData, TVariables>(
  document: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
  onData: (data: TData) => void,
  onError?: (error: unknown) => void,
): void {
  const { wsClient } = useGateway();
  const query = document.toString();
  const onDataRef = useRef(onData);
  const onErrorRef = useRef(onError);
  useLayoutEffect(() => {
    onDataRef.current = onData;
    onErrorRef.current = onError;
  });
  const variablesKey = JSON.stringify(variables);

  useEffect(() => {
    if (!wsClient) return;
    const client = wsClient;
    let stopped = false;
    let failures = 0;
    let restartTimer: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe = (): void => undefined;

    const restartLater = (): void => {
      if (stopped) return;
      restartTimer = setTimeout(start, backoffDelay(failures));
      failures += 1;
    };
    function start(): void {
      unsubscribe = client.subscribe<TData>(
        { query, variables: JSON.parse(variablesKey) as Record<string, unknown> },
        {
          next: (result) => {
            failures = 0;
            if (result.data) onDataRef.current(result.data);
            else if (result.errors?.length) onErrorRef.current?.(result.errors);
          },
          error: (error) => {
            onErrorRef.current?.(error);
            restartLater();
          },
          complete: restartLater,
        },
      );
    }

    start();
    return () => {
      stopped = true;
      clearTimeout(restartTimer);
      unsubscribe();
    };
  }, [wsClient, query, variablesKey]);
}
