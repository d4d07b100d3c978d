import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

/** GraphiQL with every asset inlined from the npm package: it works with no internet at all. */
export function renderIde(): string {
  return renderGraphiQL({
    title: 'B3 platform — GraphiQL',
    endpoint: '/graphql',
    subscriptionsProtocol: 'WS',
    defaultQuery: `# Cross-subgraph: ideas (ideas subgraph) with live prices (market subgraph)
query IdeasWithPrices {
  ideas(first: 10) { nodes { title status ticker { symbol lastTrade { price time } } } }
}

# Live trades over graphql-ws
subscription Ticks {
  ticks(symbols: ["WINZ26", "PETR4"]) { symbol price quantity aggressor time }
}
`,
  } as Parameters<typeof renderGraphiQL>[0]);
}
