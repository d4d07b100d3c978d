import { Field, InputType } from 'type-graphql';

@InputType()
export class RegisterSystemInput {
  @Field({ description: 'Unique name, 2 to 64 letters, digits, dots, dashes or underscores; stored lower case' })
  name!: string;

  @Field()
  description!: string;

  @Field(() => String, { nullable: true, description: 'http(s) URL' })
  url?: string | null;

  @Field(() => String, { nullable: true })
  owner?: string | null;
}
