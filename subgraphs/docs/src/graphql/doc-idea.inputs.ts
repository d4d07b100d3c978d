import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { DocIdeaPriorityEnum, DocIdeaStatusEnum } from './doc-idea.type';

@InputType('CreateDocIdeaInput')
export class CreateDocIdeaInput {
  @Field({ description: '1 to 200 characters' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'At most 10000 characters' })
  description?: string | null;

  @Field(() => DocIdeaStatusEnum, { nullable: true, description: 'Column; defaults to BACKLOG' })
  status?: DocIdeaStatusEnum | null;

  @Field(() => Int, { nullable: true, description: '0-based place in the column; defaults to last' })
  position?: number | null;

  @Field(() => String, { nullable: true, description: 'At most 64 characters' })
  category?: string | null;

  @Field(() => DocIdeaPriorityEnum, { nullable: true, description: 'Defaults to MEDIUM' })
  priority?: DocIdeaPriorityEnum | null;

  @Field(() => String, { nullable: true, description: 'At most 120 characters' })
  assignee?: string | null;

  @Field(() => ID, { nullable: true, description: 'A registered System' })
  systemId?: string | null;

  @Field(() => Float, { nullable: true, description: '1 to 1000' })
  estimatedHours?: number | null;

  @Field(() => Float, { nullable: true, description: '1 to 1000' })
  actualHours?: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dueDate?: string | null;
}

@InputType('UpdateDocIdeaInput', { description: 'Absent fields keep their value; null clears an optional one. Column and place change with moveDocIdea' })
export class UpdateDocIdeaInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  category?: string | null;

  @Field(() => DocIdeaPriorityEnum, { nullable: true })
  priority?: DocIdeaPriorityEnum | null;

  @Field(() => String, { nullable: true })
  assignee?: string | null;

  @Field(() => ID, { nullable: true })
  systemId?: string | null;

  @Field(() => Float, { nullable: true })
  estimatedHours?: number | null;

  @Field(() => Float, { nullable: true })
  actualHours?: number | null;

  @Field(() => String, { nullable: true })
  dueDate?: string | null;
}
