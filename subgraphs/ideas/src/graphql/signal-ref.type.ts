import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the signals subgraph's Signal: ideas only knows the key; the gateway fetches the rest from signals. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Signal')
export class SignalRef {
  @Field(() => ID)
  id!: string;
}
