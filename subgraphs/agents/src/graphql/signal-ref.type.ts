import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Signals' Signal entity: the agents declare its key and add `assessment` and `recommendation`
 * (signal.resolver.ts); every other field comes from the signals subgraph.
 */
@Directive('@key(fields: "id")')
@ObjectType('Signal')
export class SignalRef {
  @Field(() => ID)
  id!: string;
}

export const signalRef = (id: string): SignalRef => Object.assign(new SignalRef(), { id });
