import { Field, ID, InputType, Int } from 'type-graphql';
import { IdeaPriorityEnum, IdeaStatusEnum } from './idea.enums';

// Inputs carry no rules: lengths, formats and transitions are checked in domain/, so every problem comes
// back together, named by field, as BAD_USER_INPUT.

@InputType('CreateIdeaInput')
export class CreateIdeaInput {
  @Field({ description: '1 to 200 characters, one line' })
  title!: string;

  @Field({ description: 'Markdown, 1 to 2000 characters' })
  description!: string;

  @Field(() => ID, { description: 'An active IdeaCategory (see ideaCategories)' })
  categoryId!: string;

  @Field(() => IdeaPriorityEnum, { nullable: true, description: 'Default MEDIUM' })
  priority?: IdeaPriorityEnum | null;

  @Field(() => [String], { nullable: true, description: 'Normalised to lower case, unique; at most 10 of up to 32 characters' })
  tags?: string[] | null;

  @Field(() => String, { nullable: true, description: 'B3 ticker, e.g. PETR4' })
  ticker?: string | null;

  @Field(() => ID, { nullable: true, description: 'A Signal id from the signals subgraph' })
  signalId?: string | null;
}

@InputType('UpdateIdeaInput', { description: 'Missing or null fields keep their value; "" clears ticker and signalId' })
export class UpdateIdeaInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'An active IdeaCategory' })
  categoryId?: string | null;

  @Field(() => IdeaPriorityEnum, { nullable: true })
  priority?: IdeaPriorityEnum | null;

  @Field(() => IdeaStatusEnum, { nullable: true, description: 'A move the transition table allows (ideaStatusTransitions)' })
  status?: IdeaStatusEnum | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the tags' })
  tags?: string[] | null;

  @Field(() => String, { nullable: true })
  ticker?: string | null;

  @Field(() => String, { nullable: true })
  signalId?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you read: a change made since is a CONFLICT instead of being overwritten' })
  expectedVersion?: number | null;
}

@InputType('IdeaFilter', { description: 'Every field given narrows the list' })
export class IdeaFilterInput {
  @Field(() => [IdeaStatusEnum], { nullable: true, description: 'Any of these' })
  status?: IdeaStatusEnum[] | null;

  @Field(() => [IdeaPriorityEnum], { nullable: true, description: 'Any of these' })
  priority?: IdeaPriorityEnum[] | null;

  @Field(() => ID, { nullable: true, description: 'An IdeaCategory id' })
  category?: string | null;

  @Field(() => String, { nullable: true, description: 'Ideas with this tag' })
  tag?: string | null;

  @Field(() => String, { nullable: true, description: 'B3 ticker, any case' })
  ticker?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Full-text search over title and description (Portuguese stemming; "quoted phrases", or, -word)',
  })
  text?: string | null;

  @Field(() => String, { nullable: true, description: "An author's user id" })
  author?: string | null;

  @Field(() => Date, { nullable: true, description: 'Created at or after' })
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Created before' })
  createdTo?: Date | null;
}

@InputType('BulkUpdateIdeasInput')
export class BulkUpdateIdeasInput {
  @Field(() => [ID], { description: '1 to 500 ideas' })
  ids!: string[];

  @Field(() => IdeaStatusEnum, { nullable: true })
  status?: IdeaStatusEnum | null;

  @Field(() => IdeaPriorityEnum, { nullable: true })
  priority?: IdeaPriorityEnum | null;
}

@InputType('IdeaCategoryInput', { description: 'For an update, missing or null fields keep their value; "" clears the icon' })
export class IdeaCategoryInput {
  @Field(() => String, { nullable: true, description: 'Required when creating; 1 to 60 characters, unique' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Unique; taken from the name when creating without one' })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: '#RRGGBB (default #64748B)' })
  color?: string | null;

  @Field(() => String, { nullable: true, description: 'An icon name, e.g. chart-line' })
  icon?: string | null;

  @Field(() => Int, { nullable: true, description: 'Listing order, lowest first (default: after the last)' })
  order?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true' })
  active?: boolean | null;
}
