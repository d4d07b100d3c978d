import { useEffect, useReducer } from 'react';
import { postGraphQL } from '../../shared/graphql/postGraphQL';
import { useGateway } from '../../shared/graphql/GatewayProvider';
import { useSubscription } from '../../shared/graphql/useSubscription';
import { emptyBoard, reduceTickerBoard } from './tickerBoard';
import { tickersQuery, ticksSubscription } from './tickers.graphql';
import type { TickerRowState } from './types';

/** Last trade per symbol: an HTTP snapshot first (and after every reconnect), then live ticks. */
export function useTickerBoard(symbols: readonly string[]): TickerRowState[] {
  const { httpUrl, connection } = useGateway();
  const [board, dispatch] = useReducer(reduceTickerBoard, symbols, emptyBoard);
  const symbolsKey = symbols.join(',');

  useEffect(() => {
    const abort = new AbortController();
    postGraphQL(httpUrl, tickersQuery, { symbols: symbolsKey.split(',') }, abort.signal)
      .then((data) => dispatch({ type: 'snapshot', tickers: data.tickers }))
      // Ticks fill the board anyway; the status panel already reports an unreachable gateway.
      .catch(() => undefined);
    return () => abort.abort();
  }, [httpUrl, symbolsKey, connection.sessions]);

  useSubscription(ticksSubscription, { symbols: symbolsKey.split(',') }, (data) =>
    dispatch({ type: 'tick', tick: data.ticks }),
  );

  return symbols.flatMap((symbol) => board.get(symbol) ?? []);
}
