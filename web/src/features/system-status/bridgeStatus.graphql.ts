import { graphql } from '../../gql';

// The subscription answers with the status right away, so no separate query is needed for the first paint.
export const bridgeStatusSubscription = graphql(/* GraphQL */ `
  subscription BridgeStatus {
    bridgeStatus {
      health
      login
      activation
      marketData
      routing
      library
      tradePath
      tradesReceived
      tradesPublished
      tradesPerSecond
      queueDepth
      ringCapacity
      ringDropped
      callbackP99Micros
      drainLatencyP99Ms
      duplicatesDropped
      reinitializations
      nextReconnectInMs
      lastError
      subscriptions {
        symbol
        exchange
        book
      }
      updatedAt
    }
  }
`);
