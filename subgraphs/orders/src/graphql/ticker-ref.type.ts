import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Market's Ticker entity as orders sees it: the key, plus the caller's `position` (ticker.resolver.ts).
 * Resolvable, so the gateway can ask orders for `position` on a Ticker any subgraph returned; market
 * still owns every market-data field.
 */
@Directive('@key(fields: "symbol")')
@ObjectType('Ticker')
export class TickerRef {
  @Field()
  symbol!: string;
}
