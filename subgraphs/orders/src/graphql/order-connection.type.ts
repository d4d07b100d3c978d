import { Directive, Field, ObjectType } from 'type-graphql';
import type { OrderPage } from '../services/order.service';
import { OrderType, toOrderType } from './order.type';

/** Relay's page info; shareable so another subgraph's connections can use the same type. */
@Directive('@shareable')
@ObjectType('PageInfo')
export class PageInfoType {
  @Field()
  hasNextPage!: boolean;

  @Field({ description: 'Always false: pages only go forward (first/after)' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page' })
  endCursor!: string | null;
}

@ObjectType('OrderEdge')
export class OrderEdgeType {
  @Field()
  cursor!: string;

  @Field(() => OrderType)
  node!: OrderType;
}

@ObjectType('OrderConnection')
export class OrderConnectionType {
  @Field(() => [OrderEdgeType])
  edges!: OrderEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;
}

export function toOrderConnection(page: OrderPage): OrderConnectionType {
  const edges = page.edges.map((edge) => Object.assign(new OrderEdgeType(), { cursor: edge.cursor, node: toOrderType(edge.order) }));
  const pageInfo = Object.assign(new PageInfoType(), {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: false,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  });
  return Object.assign(new OrderConnectionType(), { edges, pageInfo });
}
