import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Category } from '../domain/category';

@ObjectType('IdeaCategory', { description: 'An admin-managed bucket for ideas; only active ones take new ideas' })
export class IdeaCategoryType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Unique, lower-case, for URLs' })
  slug!: string;

  @Field({ description: '#RRGGBB' })
  color!: string;

  @Field(() => String, { nullable: true, description: 'An icon name the dashboards know, e.g. chart-line' })
  icon!: string | null;

  @Field(() => Int, { description: 'Listing order, lowest first' })
  order!: number;

  @Field({ description: 'Only an active category takes new ideas; an inactive one keeps its ideas' })
  active!: boolean;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field({ description: 'Who last changed it' })
  updatedBy!: string;
}

export const toCategoryType = (c: Category): IdeaCategoryType => Object.assign(new IdeaCategoryType(), c);
