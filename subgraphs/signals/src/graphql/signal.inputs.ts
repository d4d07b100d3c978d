import { Field, InputType } from 'type-graphql';

@InputType()
export class IngestSignalInput {
  @Field({ description: 'Where the text came from, e.g. "telegram:@canal"' })
  source!: string;

  @Field({ description: 'Signal text, e.g. "COMPRA PETR4 entrada 38,50 stop 37,90 alvo 39,80"' })
  text!: string;
}
