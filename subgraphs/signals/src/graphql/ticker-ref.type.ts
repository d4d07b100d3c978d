import { Directive, Field, ObjectType } from 'type-graphql';

/** Stub of market's Ticker: signals only knows the key; the gateway fetches the rest from market. */
@Directive('@key(fields: "symbol", resolvable: false)')
@ObjectType('Ticker')
export class TickerRef {
  @Field()
  symbol!: string;
}
