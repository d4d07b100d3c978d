import { graphql } from '../../gql';

// symbol and interval are selected so a late update from a subscription the chart already left
// (another symbol or interval) can be recognised and dropped.
export const candleFields = graphql(/* GraphQL */ `
  fragment CandleFields on Candle {
    symbol
    interval
    start
    end
    open
    high
    low
    close
    volume
    trades
    turnover
    vwap
    closed
  }
`);

export const candleHistoryQuery = graphql(/* GraphQL */ `
  query CandleHistory($symbol: String!, $interval: CandleInterval!, $limit: Int!) {
    ticker(symbol: $symbol) {
      symbol
      candles(interval: $interval, limit: $limit) {
        ...CandleFields
      }
    }
  }
`);

export const candleUpdatesSubscription = graphql(/* GraphQL */ `
  subscription CandleUpdates($symbol: String!, $interval: CandleInterval!) {
    candles(symbol: $symbol, interval: $interval) {
      ...CandleFields
    }
  }
`);
