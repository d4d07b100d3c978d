import type { BridgeStatusSubscription } from '../../gql/graphql';
import type { ConnectionState } from '../../shared/graphql/connectionState';

export type BridgeStatus = BridgeStatusSubscription['bridgeStatus'];

export type BridgeChannel = 'login' | 'activation' | 'marketData' | 'routing';

/** ok: up; warn: not up yet or recovering; down: refused, needs a person; off: switched off by configuration. */
export type ChannelTone = 'ok' | 'warn' | 'down' | 'off';

export const BRIDGE_CHANNELS: ReadonlyArray<{ readonly key: BridgeChannel; readonly label: string }> = [
  { key: 'login', label: 'Login' },
  { key: 'activation', label: 'Activation' },
  { key: 'marketData', label: 'Market data' },
  { key: 'routing', label: 'Routing' },
];

// Mirrors the bridge's own health rule: only these values count as up, and only a refused login or
// activation is terminal; every other state (connecting, waiting, back-pressure…) is one it recovers from.
const UP: Record<BridgeChannel, string> = {
  login: 'CONNECTED',
  activation: 'VALID',
  marketData: 'CONNECTED',
  routing: 'BROKER_CONNECTED',
};
const REFUSED: Partial<Record<BridgeChannel, string>> = { login: 'FAILED', activation: 'INVALID' };

export function channelTone(channel: BridgeChannel, value: string): ChannelTone {
  if (value === UP[channel]) return 'ok';
  if (value === REFUSED[channel]) return 'down';
  // A market-data-only login has no routing channel at all, which is not a fault.
  if (channel === 'routing' && value === 'DISABLED') return 'off';
  return 'warn';
}

/** Whole seconds, rounded up so "0 s" never shows while the attempt is still ahead: 4200 -> "5 s", 65000 -> "1 min 05 s". */
export function formatCountdown(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return 'now';
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

export interface Freshness {
  readonly connection: ConnectionState;
  /** The subscription's latest rejection, cleared by the next update. */
  readonly error: string | null;
  /** True when no update arrived for longer than the bridge's once-a-second beat allows. */
  readonly silent: boolean;
}

/** Why the last status received may no longer be the bridge's state, or null while it is current. */
export function staleReason({ connection, error, silent }: Freshness): string | null {
  // A lost socket explains any error or silence that follows it, so it is named first.
  if (connection !== 'live') return 'gateway unreachable';
  if (error !== null) return error;
  if (silent) return 'no update from the bridge';
  return null;
}
