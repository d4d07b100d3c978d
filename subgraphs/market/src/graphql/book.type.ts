import { DecimalScalar } from '@b3/kit';
import { Field, Int, ObjectType } from 'type-graphql';
import type { BookLevel, OrderBook, Quote } from '../domain/order-book';

@ObjectType('BookLevel', { description: 'One price level of the aggregated book' })
export class BookLevelType {
  @Field(() => DecimalScalar)
  price!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Int, { description: 'Offers resting at this price' })
  orders!: number;
}

@ObjectType('OrderBook', { description: 'Price depth, best level first on each side' })
export class OrderBookType {
  @Field()
  symbol!: string;

  @Field(() => [BookLevelType])
  bids!: BookLevelType[];

  @Field(() => [BookLevelType])
  asks!: BookLevelType[];

  @Field({ description: 'The instrument is in auction' })
  auction!: boolean;

  @Field(() => Int, { description: 'Snapshot number; a gap means intermediate states were conflated' })
  sequence!: number;

  @Field({ description: 'When the snapshot was taken (UTC)' })
  time!: Date;
}

@ObjectType('Quote', { description: 'Best bid and offer' })
export class QuoteType {
  @Field()
  symbol!: string;

  @Field(() => BookLevelType, { nullable: true })
  bid!: BookLevelType | null;

  @Field(() => BookLevelType, { nullable: true })
  ask!: BookLevelType | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'ask − bid; null unless both sides are quoted' })
  spread!: string | null;

  @Field()
  time!: Date;
}

const level = (l: BookLevel): BookLevelType => Object.assign(new BookLevelType(), l);

export function toOrderBookType(book: OrderBook): OrderBookType {
  return Object.assign(new OrderBookType(), { ...book, bids: book.bids.map(level), asks: book.asks.map(level), time: new Date(book.time) });
}

export function toQuoteType(quote: Quote): QuoteType {
  return Object.assign(new QuoteType(), {
    ...quote,
    bid: quote.bid ? level(quote.bid) : null,
    ask: quote.ask ? level(quote.ask) : null,
    time: new Date(quote.time),
  });
}
