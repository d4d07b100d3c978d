import { graphql } from '../../gql';

export const tickersQuery = graphql(/* GraphQL */ `
  query Tickers($symbols: [String!]!) {
    tickers(symbols: $symbols) {
      symbol
      lastTrade {
        price
        quantity
        time
        aggressor
      }
    }
  }
`);

export const ticksSubscription = graphql(/* GraphQL */ `
  subscription Ticks($symbols: [String!]!) {
    ticks(symbols: $symbols) {
      symbol
      price
      quantity
      aggressor
      time
    }
  }
`);
