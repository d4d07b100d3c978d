import type { ConnectionState } from '../market-data.types';

/** ABI.md §5 channels of the state callback. */
export const STATE_LOGIN = 0;
export const STATE_ROUTING = 1;
export const STATE_MARKET_DATA = 2;
export const STATE_ACTIVATION = 3;
export const MARKET_CONNECTED = 4;

const MARKET_DATA: Record<number, ConnectionState['marketData']> = {
  0: 'DISCONNECTED',
  1: 'CONNECTING',
  2: 'WAITING',
  3: 'NOT_LOGGED',
  4: 'CONNECTED',
  5: 'DEGRADED', // 4.0.0.39+: feed up but degraded
  6: 'DEGRADED', // 4.0.0.39+: feed up, our consumer too slow
};

const ROUTING: Record<number, string> = {
  0: 'DISCONNECTED',
  1: 'CONNECTING',
  2: 'CONNECTED',
  3: 'BROKER_DISCONNECTED',
  4: 'BROKER_CONNECTING',
  5: 'BROKER_CONNECTED',
};

const LOGIN_FAILURES: Record<number, string> = {
  1: 'INVALID_LOGIN',
  2: 'INVALID_PASSWORD',
  3: 'BLOCKED_PASSWORD',
  4: 'EXPIRED_PASSWORD',
  200: 'UNKNOWN_ERROR',
};

export function initialConnectionState(routing: boolean): ConnectionState {
  return { login: 'PENDING', activation: 'PENDING', marketData: 'DISCONNECTED', routing: routing ? 'DISCONNECTED' : 'DISABLED' };
}

/** Folds one (type, result) state callback into the exposed state; unknown codes leave it unchanged. */
export function applyStateEvent(state: ConnectionState, type: number, result: number): ConnectionState {
  switch (type) {
    case STATE_LOGIN:
      return { ...state, login: result === 0 ? 'CONNECTED' : 'FAILED' };
    case STATE_ACTIVATION:
      return { ...state, activation: result === 0 ? 'VALID' : 'INVALID' };
    case STATE_MARKET_DATA: {
      const marketData = MARKET_DATA[result];
      return marketData ? { ...state, marketData } : state;
    }
    case STATE_ROUTING: {
      if (state.routing === 'DISABLED') return state;
      return { ...state, routing: ROUTING[result] ?? `UNKNOWN_${result}` };
    }
    default:
      return state;
  }
}

export function loginFailureReason(result: number): string {
  return LOGIN_FAILURES[result] ?? `UNKNOWN_${result}`;
}

/** Market-data requests only stick once the feed is up and the activation key was accepted (§5). */
export function isMarketReady(state: ConnectionState): boolean {
  return (state.marketData === 'CONNECTED' || state.marketData === 'DEGRADED') && state.activation === 'VALID';
}

export function sameState(a: ConnectionState, b: ConnectionState): boolean {
  return a.login === b.login && a.activation === b.activation && a.marketData === b.marketData && a.routing === b.routing;
}
