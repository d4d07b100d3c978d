import { Field, InputType, Int } from 'type-graphql';
import { SystemKindEnum, SystemStatusEnum } from './system.type';

@InputType('RegisterSystemInput')
export class RegisterSystemInput {
  @Field({ description: 'Unique name, 2 to 64 letters, digits, dots, dashes or underscores; stored lower case' })
  name!: string;

  @Field({ description: '1 to 2000 characters' })
  description!: string;

  @Field(() => SystemKindEnum, { nullable: true, description: 'Defaults to TOOL' })
  type?: SystemKindEnum | null;

  @Field(() => String, { nullable: true, description: 'http(s) URL, what the health checker probes' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: "Defaults to the URL's host" })
  host?: string | null;

  @Field(() => Int, { nullable: true, description: "1 to 65535; defaults to the URL's port" })
  port?: number | null;

  @Field(() => String, { nullable: true, description: 'At most 120 characters' })
  owner?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 64 characters' })
  version?: string | null;

  @Field(() => [String], { nullable: true, description: 'Up to 20, each 1 to 32 lower-case letters, digits or dashes' })
  tags?: string[] | null;
}

@InputType('UpdateSystemInput', { description: "Absent fields keep their value; null clears an optional one. A platform service's name, type, URL, host, port and version are the platform's" })
export class UpdateSystemInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => SystemKindEnum, { nullable: true })
  type?: SystemKindEnum | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true })
  host?: string | null;

  @Field(() => Int, { nullable: true })
  port?: number | null;

  @Field(() => String, { nullable: true })
  owner?: string | null;

  @Field(() => String, { nullable: true })
  version?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}

@InputType('SystemFilter')
export class SystemFilterInput {
  @Field(() => SystemKindEnum, { nullable: true })
  type?: SystemKindEnum | null;

  @Field(() => SystemStatusEnum, { nullable: true })
  status?: SystemStatusEnum | null;

  @Field(() => String, { nullable: true })
  tag?: string | null;
}
