import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { System } from '../domain/system';

@Directive('@key(fields: "id")')
@ObjectType('System', { description: "A system in the registry: the platform's own services and registered ones" })
export class SystemType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Unique identifier-like name, lower case' })
  name!: string;

  @Field()
  description!: string;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true })
  owner!: string | null;

  @Field({ description: "True for the platform's own services, which are listed from its process table" })
  builtIn!: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was registered; null for built-in entries' })
  createdAt!: Date | null;
}

export function toSystemType(system: System): SystemType {
  return Object.assign(new SystemType(), system);
}
