import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Idea } from '../domain/idea';
import { TickerRef } from './ticker-ref.type';

@Directive('@key(fields: "id")')
@ObjectType('Idea', { description: 'A trading idea from the idea bank' })
export class IdeaType {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  body!: string;

  @Field()
  symbol!: string;

  @Field(() => TickerRef, { description: 'The instrument, with live market data from the market subgraph' })
  ticker!: TickerRef;

  @Field(() => [String])
  tags!: string[];

  @Field()
  authorId!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

export function toIdeaType(idea: Idea): IdeaType {
  return Object.assign(new IdeaType(), { ...idea, ticker: Object.assign(new TickerRef(), { symbol: idea.symbol }) });
}
