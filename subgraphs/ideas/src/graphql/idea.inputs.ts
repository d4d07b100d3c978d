import { Field, InputType } from 'type-graphql';

@InputType()
export class CreateIdeaInput {
  @Field()
  title!: string;

  @Field({ defaultValue: '' })
  body!: string;

  @Field({ description: 'B3 ticker, e.g. PETR4' })
  symbol!: string;

  @Field(() => [String], { defaultValue: [] })
  tags!: string[];
}
