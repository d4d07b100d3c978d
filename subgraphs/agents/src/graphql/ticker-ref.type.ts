import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Market's Ticker entity as the agents see it: the key plus `analysis` (ticker.resolver.ts). Resolvable,
 * so the gateway can ask this subgraph for `analysis` on a Ticker any subgraph returned.
 */
@Directive('@key(fields: "symbol")')
@ObjectType('Ticker')
export class TickerRef {
  @Field()
  symbol!: string;
}

export const tickerRef = (symbol: string): TickerRef => Object.assign(new TickerRef(), { symbol });
