import { domainEnum } from '@b3/kit';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DOC_IDEA_PRIORITIES, DOC_IDEA_STATUSES, type DocIdea } from '../domain/doc-idea';

export const DocIdeaStatusEnum = domainEnum(DOC_IDEA_STATUSES, { name: 'DocIdeaStatus', description: 'The board’s columns, left to right' });
export type DocIdeaStatusEnum = (typeof DOC_IDEA_STATUSES)[number];

export const DocIdeaPriorityEnum = domainEnum(DOC_IDEA_PRIORITIES, { name: 'DocIdeaPriority' });
export type DocIdeaPriorityEnum = (typeof DOC_IDEA_PRIORITIES)[number];

@Directive('@key(fields: "id")')
@ObjectType('DocIdea', { description: 'A card on the documentation board' })
export class DocIdeaType {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => DocIdeaStatusEnum, { description: 'Its column' })
  status!: DocIdeaStatusEnum;

  @Field(() => Int, { description: '0-based place in its column; a column is always numbered 0..n-1' })
  position!: number;

  @Field(() => String, { nullable: true })
  category!: string | null;

  @Field(() => DocIdeaPriorityEnum)
  priority!: DocIdeaPriorityEnum;

  @Field(() => String, { nullable: true })
  assignee!: string | null;

  @Field(() => Float, { nullable: true })
  estimatedHours!: number | null;

  @Field(() => Float, { nullable: true })
  actualHours!: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dueDate!: string | null;

  @Field()
  createdBy!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  /** Kept for the field resolvers; not in the schema. */
  record!: DocIdea;
}

export function toDocIdeaType(idea: DocIdea): DocIdeaType {
  return Object.assign(new DocIdeaType(), { ...idea, status: idea.status as DocIdeaStatusEnum, priority: idea.priority as DocIdeaPriorityEnum, record: idea });
}

@ObjectType('DocIdeaEdge')
export class DocIdeaEdgeType {
  @Field()
  cursor!: string;

  @Field(() => DocIdeaType)
  node!: DocIdeaType;
}

@ObjectType('DocIdeaPageInfo')
export class DocIdeaPageInfoType {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType('DocIdeaConnection', { description: 'One column, in board order, a page at a time' })
export class DocIdeaConnectionType {
  @Field(() => [DocIdeaEdgeType])
  edges!: DocIdeaEdgeType[];

  @Field(() => DocIdeaPageInfoType)
  pageInfo!: DocIdeaPageInfoType;

  @Field(() => Int, { description: 'Cards in the column' })
  totalCount!: number;
}

@ObjectType('DocIdeaColumn')
export class DocIdeaColumnType {
  @Field(() => DocIdeaStatusEnum)
  status!: DocIdeaStatusEnum;

  @Field(() => Int)
  totalCount!: number;

  @Field(() => [DocIdeaType], { description: 'In order, up to the board query’s `first`' })
  ideas!: DocIdeaType[];
}
