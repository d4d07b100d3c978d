import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { Idea } from '../domain/idea';
import type { IdeaChangeEntry } from '../domain/idea-change';
import { IdeaCategoryType } from './category.type';
import { IdeaChangeKindEnum, IdeaPriorityEnum, IdeaStatusEnum } from './idea.enums';
import { SignalRef } from './signal-ref.type';
import { TickerRef } from './ticker-ref.type';

@Directive('@key(fields: "id")')
@ObjectType('Idea', { description: 'An idea in the idea bank' })
export class IdeaType {
  @Field(() => ID)
  id!: string;

  @Field({ description: '1 to 200 characters, one line' })
  title!: string;

  @Field({ description: 'Markdown, 1 to 2000 characters' })
  description!: string;

  @Field(() => IdeaPriorityEnum)
  priority!: IdeaPriorityEnum;

  @Field(() => IdeaStatusEnum)
  status!: IdeaStatusEnum;

  @Field(() => [String], { description: 'Lower case, unique, at most 10' })
  tags!: string[];

  @Field(() => TickerRef, { nullable: true, description: 'The instrument, with live market data from the market subgraph' })
  ticker!: TickerRef | null;

  @Field(() => SignalRef, { nullable: true, description: 'The Telegram signal it came from, from the signals subgraph' })
  signal!: SignalRef | null;

  @Field({ description: "The author's user id" })
  authorId!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int, { description: '1 when created, +1 per change; pass it as expectedVersion to updateIdea' })
  version!: number;

  /** Kept for the field resolvers; not in the schema. */
  record!: Idea;
}

export function toIdeaType(idea: Idea): IdeaType {
  return Object.assign(new IdeaType(), {
    id: idea.id,
    title: idea.title,
    description: idea.description,
    priority: idea.priority as IdeaPriorityEnum,
    status: idea.status as IdeaStatusEnum,
    tags: [...idea.tags],
    ticker: idea.ticker ? Object.assign(new TickerRef(), { symbol: idea.ticker }) : null,
    signal: idea.signalId ? Object.assign(new SignalRef(), { id: idea.signalId }) : null,
    authorId: idea.authorId,
    createdAt: idea.createdAt,
    updatedAt: idea.updatedAt,
    version: idea.version,
    record: idea,
  });
}

@ObjectType('IdeaEdge')
export class IdeaEdgeType {
  @Field()
  cursor!: string;

  @Field(() => IdeaType)
  node!: IdeaType;
}

@ObjectType('IdeaPageInfo')
export class IdeaPageInfoType {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` (with the same orderBy) for the next page' })
  endCursor!: string | null;
}

@ObjectType('IdeaConnection')
export class IdeaConnectionType {
  @Field(() => [IdeaEdgeType])
  edges!: IdeaEdgeType[];

  @Field(() => [IdeaType], { description: 'The edges’ nodes, for clients that need no cursors' })
  nodes!: IdeaType[];

  @Field(() => IdeaPageInfoType)
  pageInfo!: IdeaPageInfoType;

  @Field(() => Int, { description: 'Ideas matching the filter, all pages together' })
  totalCount!: number;
}

/** A history value for display: text as is, tags joined with ", ", absent as null. */
const shown = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
};

@ObjectType('IdeaChange', { description: 'One line of an idea’s history: who changed which field from what to what, and when' })
export class IdeaChangeType {
  @Field(() => IdeaChangeKindEnum)
  kind!: IdeaChangeKindEnum;

  @Field(() => String, { nullable: true, description: 'The input field that changed (e.g. status, categoryId, tags); null for CREATED and DELETED' })
  field!: string | null;

  @Field(() => String, { nullable: true, description: 'The value before (tags joined with ", ")' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after (tags joined with ", ")' })
  to!: string | null;

  @Field({ description: 'Who made the change (user id)' })
  actorId!: string;

  @Field()
  at!: Date;

  @Field(() => Int, { description: 'The idea’s version after the change' })
  version!: number;
}

export const toChangeType = (c: IdeaChangeEntry): IdeaChangeType =>
  Object.assign(new IdeaChangeType(), {
    kind: c.kind as IdeaChangeKindEnum,
    field: c.field,
    from: shown(c.from),
    to: shown(c.to),
    actorId: c.actorId,
    at: c.at,
    version: c.version,
  });

@ObjectType('IdeaChangedEvent', { description: 'An idea created, changed or deleted, after the change was stored' })
export class IdeaChangedEventType {
  @Field(() => IdeaChangeKindEnum)
  kind!: IdeaChangeKindEnum;

  @Field(() => IdeaType, { description: 'The idea after the change; for DELETED, as it was when deleted' })
  idea!: IdeaType;

  @Field(() => [String], { description: 'The fields that changed (UPDATED only)' })
  fields!: string[];

  @Field()
  actorId!: string;

  @Field()
  at!: Date;
}

@ObjectType('BulkIdeaProblem', { description: 'Why one idea of a bulk change could not be changed' })
export class BulkIdeaProblemType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'ids (unknown, or not yours), status or priority' })
  field!: string;

  @Field({ description: 'NOT_FOUND, FORBIDDEN or BAD_USER_INPUT' })
  code!: string;

  @Field()
  message!: string;
}

@ObjectType('BulkUpdateIdeasPayload', { description: 'All or nothing: applied with every idea changed, or nothing changed and the problems listed' })
export class BulkUpdateIdeasPayloadType {
  @Field()
  applied!: boolean;

  @Field(() => [IdeaType], { description: 'The ideas as asked, after the change (empty when not applied)' })
  ideas!: IdeaType[];

  @Field(() => Int, { description: 'How many actually changed; the others already were as asked' })
  changed!: number;

  @Field(() => [BulkIdeaProblemType])
  problems!: BulkIdeaProblemType[];
}

@ObjectType('IdeaStatusCount')
export class IdeaStatusCountType {
  @Field(() => IdeaStatusEnum)
  status!: IdeaStatusEnum;

  @Field(() => Int)
  count!: number;
}

@ObjectType('IdeaPriorityCount')
export class IdeaPriorityCountType {
  @Field(() => IdeaPriorityEnum)
  priority!: IdeaPriorityEnum;

  @Field(() => Int)
  count!: number;
}

@ObjectType('IdeaCategoryCount')
export class IdeaCategoryCountType {
  @Field(() => IdeaCategoryType)
  category!: IdeaCategoryType;

  @Field(() => Int)
  count!: number;
}

@ObjectType('IdeaWeekCount', { description: 'One ISO week (Monday 00:00 UTC onwards)' })
export class IdeaWeekCountType {
  @Field({ description: 'ISO week, e.g. 2026-W48' })
  week!: string;

  @Field({ description: 'Monday 00:00 UTC' })
  start!: Date;

  @Field(() => Int, { description: 'Ideas created that week' })
  created!: number;

  @Field(() => Int, { description: 'Moves to COMPLETED that week' })
  completed!: number;
}

@ObjectType('IdeaStats')
export class IdeaStatsType {
  @Field(() => Int, { description: 'Ideas matching the filter' })
  total!: number;

  @Field(() => [IdeaStatusCountType], { description: 'Every status, zeros included' })
  byStatus!: IdeaStatusCountType[];

  @Field(() => [IdeaPriorityCountType], { description: 'Every priority, zeros included' })
  byPriority!: IdeaPriorityCountType[];

  @Field(() => [IdeaCategoryCountType], { description: 'Categories with ideas, most first' })
  byCategory!: IdeaCategoryCountType[];

  @Field(() => [IdeaWeekCountType], { description: 'The window’s weeks, oldest first, the current week last' })
  weeks!: IdeaWeekCountType[];
}

@ObjectType('IdeaStatusTransition', { description: 'A status and the statuses an idea may move to from it' })
export class IdeaStatusTransitionType {
  @Field(() => IdeaStatusEnum)
  from!: IdeaStatusEnum;

  @Field(() => [IdeaStatusEnum])
  to!: IdeaStatusEnum[];
}
