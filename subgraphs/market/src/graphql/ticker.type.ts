import { Directive, Field, ObjectType } from 'type-graphql';

/** The entity other subgraphs reference by symbol; market owns its market-data fields. */
@Directive('@key(fields: "symbol")')
@ObjectType('Ticker')
export class TickerType {
  @Field()
  symbol!: string;
}

export function tickerRef(symbol: string): TickerType {
  return Object.assign(new TickerType(), { symbol });
}
