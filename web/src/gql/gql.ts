/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment CandleFields on Candle {\n    symbol\n    interval\n    start\n    end\n    open\n    high\n    low\n    close\n    volume\n    trades\n    turnover\n    vwap\n    closed\n  }\n": typeof types.CandleFieldsFragmentDoc,
    "\n  query CandleHistory($symbol: String!, $interval: CandleInterval!, $limit: Int!) {\n    ticker(symbol: $symbol) {\n      symbol\n      candles(interval: $interval, limit: $limit) {\n        ...CandleFields\n      }\n    }\n  }\n": typeof types.CandleHistoryDocument,
    "\n  subscription CandleUpdates($symbol: String!, $interval: CandleInterval!) {\n    candles(symbol: $symbol, interval: $interval) {\n      ...CandleFields\n    }\n  }\n": typeof types.CandleUpdatesDocument,
    "\n  subscription BridgeStatus {\n    bridgeStatus {\n      health\n      login\n      activation\n      marketData\n      routing\n      library\n      tradePath\n      tradesReceived\n      tradesPublished\n      tradesPerSecond\n      queueDepth\n      ringCapacity\n      ringDropped\n      callbackP99Micros\n      drainLatencyP99Ms\n      duplicatesDropped\n      reinitializations\n      nextReconnectInMs\n      lastError\n      subscriptions {\n        symbol\n        exchange\n        book\n      }\n      updatedAt\n    }\n  }\n": typeof types.BridgeStatusDocument,
    "\n  query PlatformStatus {\n    platformStatus {\n      overall\n      checkedAt\n      services {\n        name\n        status\n        latencyMs\n        url\n      }\n    }\n  }\n": typeof types.PlatformStatusDocument,
    "\n  query Tickers($symbols: [String!]!) {\n    tickers(symbols: $symbols) {\n      symbol\n      lastTrade {\n        price\n        quantity\n        time\n        aggressor\n      }\n    }\n  }\n": typeof types.TickersDocument,
    "\n  subscription Ticks($symbols: [String!]!) {\n    ticks(symbols: $symbols) {\n      symbol\n      price\n      quantity\n      aggressor\n      time\n    }\n  }\n": typeof types.TicksDocument,
};
const documents: Documents = {
    "\n  fragment CandleFields on Candle {\n    symbol\n    interval\n    start\n    end\n    open\n    high\n    low\n    close\n    volume\n    trades\n    turnover\n    vwap\n    closed\n  }\n": types.CandleFieldsFragmentDoc,
    "\n  query CandleHistory($symbol: String!, $interval: CandleInterval!, $limit: Int!) {\n    ticker(symbol: $symbol) {\n      symbol\n      candles(interval: $interval, limit: $limit) {\n        ...CandleFields\n      }\n    }\n  }\n": types.CandleHistoryDocument,
    "\n  subscription CandleUpdates($symbol: String!, $interval: CandleInterval!) {\n    candles(symbol: $symbol, interval: $interval) {\n      ...CandleFields\n    }\n  }\n": types.CandleUpdatesDocument,
    "\n  subscription BridgeStatus {\n    bridgeStatus {\n      health\n      login\n      activation\n      marketData\n      routing\n      library\n      tradePath\n      tradesReceived\n      tradesPublished\n      tradesPerSecond\n      queueDepth\n      ringCapacity\n      ringDropped\n      callbackP99Micros\n      drainLatencyP99Ms\n      duplicatesDropped\n      reinitializations\n      nextReconnectInMs\n      lastError\n      subscriptions {\n        symbol\n        exchange\n        book\n      }\n      updatedAt\n    }\n  }\n": types.BridgeStatusDocument,
    "\n  query PlatformStatus {\n    platformStatus {\n      overall\n      checkedAt\n      services {\n        name\n        status\n        latencyMs\n        url\n      }\n    }\n  }\n": types.PlatformStatusDocument,
    "\n  query Tickers($symbols: [String!]!) {\n    tickers(symbols: $symbols) {\n      symbol\n      lastTrade {\n        price\n        quantity\n        time\n        aggressor\n      }\n    }\n  }\n": types.TickersDocument,
    "\n  subscription Ticks($symbols: [String!]!) {\n    ticks(symbols: $symbols) {\n      symbol\n      price\n      quantity\n      aggressor\n      time\n    }\n  }\n": types.TicksDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CandleFields on Candle {\n    symbol\n    interval\n    start\n    end\n    open\n    high\n    low\n    close\n    volume\n    trades\n    turnover\n    vwap\n    closed\n  }\n"): typeof import('./graphql').CandleFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CandleHistory($symbol: String!, $interval: CandleInterval!, $limit: Int!) {\n    ticker(symbol: $symbol) {\n      symbol\n      candles(interval: $interval, limit: $limit) {\n        ...CandleFields\n      }\n    }\n  }\n"): typeof import('./graphql').CandleHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CandleUpdates($symbol: String!, $interval: CandleInterval!) {\n    candles(symbol: $symbol, interval: $interval) {\n      ...CandleFields\n    }\n  }\n"): typeof import('./graphql').CandleUpdatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BridgeStatus {\n    bridgeStatus {\n      health\n      login\n      activation\n      marketData\n      routing\n      library\n      tradePath\n      tradesReceived\n      tradesPublished\n      tradesPerSecond\n      queueDepth\n      ringCapacity\n      ringDropped\n      callbackP99Micros\n      drainLatencyP99Ms\n      duplicatesDropped\n      reinitializations\n      nextReconnectInMs\n      lastError\n      subscriptions {\n        symbol\n        exchange\n        book\n      }\n      updatedAt\n    }\n  }\n"): typeof import('./graphql').BridgeStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlatformStatus {\n    platformStatus {\n      overall\n      checkedAt\n      services {\n        name\n        status\n        latencyMs\n        url\n      }\n    }\n  }\n"): typeof import('./graphql').PlatformStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tickers($symbols: [String!]!) {\n    tickers(symbols: $symbols) {\n      symbol\n      lastTrade {\n        price\n        quantity\n        time\n        aggressor\n      }\n    }\n  }\n"): typeof import('./graphql').TickersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Ticks($symbols: [String!]!) {\n    ticks(symbols: $symbols) {\n      symbol\n      price\n      quantity\n      aggressor\n      time\n    }\n  }\n"): typeof import('./graphql').TicksDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
