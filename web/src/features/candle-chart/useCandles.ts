import { useEffect, useReducer } from 'react';
import type { CandleInterval } from '../../gql/graphql';
import { describeSubscriptionError } from '../../shared/graphql/describeSubscriptionError';
import { useGateway } from '../../shared/graphql/GatewayProvider';
import { postGraphQL } from '../../shared/graphql/postGraphQL';
import { useSubscription } from '../../shared/graphql/useSubscription';
import { candleHistoryQuery, candleUpdatesSubscription } from './candles.graphql';
import { type Bar, MAX_BARS } from './candleSeries';
import { initialCandleState, reduceCandles } from './candleState';

export interface CandlesView {
  /** Oldest first, at most MAX_BARS; the last one may still be forming. */
  readonly bars: readonly Bar[];
  /** True once the history answered, so an empty series means the symbol has not traded in this window. */
  readonly loaded: boolean;
  /** The gateway's message for a failed history query or a rejected subscription, or null. */
  readonly error: string | null;
}

/**
 * Bars of one symbol and interval: the history over HTTP (again after every reconnect, to fill what the socket
 * missed), merged with the subscription's forming and closed bars.
 */
export function useCandles(symbol: string, interval: CandleInterval): CandlesView {
  const { httpUrl, connection } = useGateway();
  const [state, dispatch] = useReducer(reduceCandles, { symbol, interval }, initialCandleState);

  useEffect(() => {
    const abort = new AbortController();
    postGraphQL(httpUrl, candleHistoryQuery, { symbol, interval, limit: MAX_BARS }, abort.signal)
      .then((data) => {
        // An answer that was already being read when the chart moved on must not land in the new series.
        if (!abort.signal.aborted) dispatch({ type: 'history', symbol, interval, bars: data.ticker.candles });
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        dispatch({ type: 'historyFailed', symbol, interval, message: error instanceof Error ? error.message : String(error) });
      });
    return () => abort.abort();
  }, [httpUrl, symbol, interval, connection.sessions]);

  useSubscription(
    candleUpdatesSubscription,
    { symbol, interval },
    (data) => dispatch({ type: 'update', symbol, interval, bar: data.candles }),
    (error) => dispatch({ type: 'liveFailed', symbol, interval, message: describeSubscriptionError(error) }),
  );

  // Until the first event for a new symbol or interval, the previous series must not show under the new title.
  const shown = state.symbol === symbol && state.interval === interval ? state : initialCandleState({ symbol, interval });
  return { bars: shown.bars, loaded: shown.loaded, error: shown.historyError ?? shown.liveError };
}
