import { useEffect, useState } from 'react';
import type { PlatformStatusQuery } from '../../gql/graphql';
import { postGraphQL } from '../../shared/graphql/postGraphQL';
import { useGateway } from '../../shared/graphql/GatewayProvider';
import { platformStatusQuery } from './platformStatus.graphql';

const POLL_INTERVAL_MS = 3000;
const REQUEST_TIMEOUT_MS = 2500;

type PlatformStatus = PlatformStatusQuery['platformStatus'];

export interface PlatformStatusView {
  /** Last answer received; kept while the gateway is unreachable so the panel shows what was known. */
  readonly status: PlatformStatus | null;
  /** Why the latest poll failed, or null when it succeeded. */
  readonly error: string | null;
}

/** Polls the gateway every 3 s; the next poll is scheduled only after the previous one settles. */
export function usePlatformStatus(): PlatformStatusView {
  const { httpUrl } = useGateway();
  const [view, setView] = useState<PlatformStatusView>({ status: null, error: null });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      try {
        const data = await postGraphQL(httpUrl, platformStatusQuery, {}, AbortSignal.timeout(REQUEST_TIMEOUT_MS));
        if (!stopped) setView({ status: data.platformStatus, error: null });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!stopped) setView((previous) => ({ status: previous.status, error: message }));
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_INTERVAL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [httpUrl]);

  return view;
}
