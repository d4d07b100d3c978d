import { useEffect, useState } from 'react';
import { describeSubscriptionError } from '../../shared/graphql/describeSubscriptionError';
import { useGateway } from '../../shared/graphql/GatewayProvider';
import { useSubscription } from '../../shared/graphql/useSubscription';
import { bridgeStatusSubscription } from './bridgeStatus.graphql';
import { staleReason, type BridgeStatus } from './bridgeStatusView';

/** The bridge sends its status once a second; missing three beats means the feed stalled somewhere. */
const SILENT_AFTER_MS = 3500;

interface Received {
  readonly status: BridgeStatus | null;
  readonly error: string | null;
  readonly silent: boolean;
  /** Counts updates so the silence timer is re-armed by each one, even when nothing in it changed. */
  readonly updates: number;
}

export interface BridgeStatusView {
  /** Last status received; kept while it cannot be refreshed so the panel shows what was known. */
  readonly status: BridgeStatus | null;
  /** Why `status` may be out of date, or null while it is current (always null before the first status). */
  readonly stale: string | null;
  /** The subscription's latest rejection, cleared by the next update. */
  readonly error: string | null;
}

export function useBridgeStatus(): BridgeStatusView {
  const { connection } = useGateway();
  const [received, setReceived] = useState<Received>({ status: null, error: null, silent: false, updates: 0 });

  useSubscription(
    bridgeStatusSubscription,
    {},
    (data) => setReceived((previous) => ({ status: data.bridgeStatus, error: null, silent: false, updates: previous.updates + 1 })),
    (error) => setReceived((previous) => ({ ...previous, error: describeSubscriptionError(error) })),
  );

  useEffect(() => {
    if (received.updates === 0) return;
    const timer = setTimeout(() => setReceived((previous) => ({ ...previous, silent: true })), SILENT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [received.updates]);

  const { status, error, silent } = received;
  return { status, stale: status === null ? null : staleReason({ connection: connection.state, error, silent }), error };
}
