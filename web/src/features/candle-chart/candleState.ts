import type { CandleInterval } from '../../gql/graphql';
import { type Bar, MAX_BARS, mergeBar, mergeBars } from './candleSeries';

export interface CandleState {
  readonly symbol: string;
  readonly interval: CandleInterval;
  readonly bars: readonly Bar[];
  /** True once the history query answered for this symbol and interval. */
  readonly loaded: boolean;
  /** Why the history query failed; cleared only by a later answer, since live bars cannot fill the history in. */
  readonly historyError: string | null;
  /** The subscription's latest rejection, cleared by the next live bar. */
  readonly liveError: string | null;
}

interface Target {
  readonly symbol: string;
  readonly interval: CandleInterval;
}

/** Every event names the symbol and interval the chart showed when it was sent. */
export type CandleEvent = Target &
  (
    | { readonly type: 'history'; readonly bars: readonly Bar[] }
    | { readonly type: 'update'; readonly bar: Bar }
    | { readonly type: 'historyFailed'; readonly message: string }
    | { readonly type: 'liveFailed'; readonly message: string }
  );

export function initialCandleState({ symbol, interval }: Target): CandleState {
  return { symbol, interval, bars: [], loaded: false, historyError: null, liveError: null };
}

const isFor = (bar: Target, target: Target): boolean => bar.symbol === target.symbol && bar.interval === target.interval;

/**
 * A chart switched to another symbol or interval starts over with the first event for it. A bar is kept only
 * when it belongs to the chart shown: the subscription callback always sends the current target, so a late
 * update from the subscription just left would otherwise be drawn into the wrong series.
 */
export function reduceCandles(state: CandleState, event: CandleEvent): CandleState {
  const current = isFor(state, event) ? state : initialCandleState(event);
  switch (event.type) {
    case 'history':
      return {
        ...current,
        bars: mergeBars(current.bars, event.bars.filter((bar) => isFor(bar, event)), MAX_BARS),
        loaded: true,
        historyError: null,
      };
    case 'update': {
      if (!isFor(event.bar, event)) return state;
      const bars = mergeBar(current.bars, event.bar, MAX_BARS);
      if (current === state && bars === state.bars && state.liveError === null) return state;
      return { ...current, bars, liveError: null };
    }
    case 'historyFailed':
      return { ...current, historyError: event.message };
    case 'liveFailed':
      return { ...current, liveError: event.message };
  }
}
