import { domainEnum } from '@b3/kit';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { SYSTEM_KINDS, SYSTEM_STATUSES, type System } from '../domain/system';
import type { SystemCheckRecord } from '../store/system.store';

export const SystemKindEnum = domainEnum(SYSTEM_KINDS, {
  name: 'SystemKind',
  description: 'Decides the health probe: SUBGRAPH and API get GET /health on their origin, the others GET of their URL',
});
export type SystemKindEnum = (typeof SYSTEM_KINDS)[number];

export const SystemStatusEnum = domainEnum(SYSTEM_STATUSES, {
  name: 'SystemStatus',
  valuesConfig: {
    DEGRADED: { description: 'Answering, but reporting a failing dependency, an error code, or slowly' },
    OFFLINE: { description: 'Not answering in time, or reporting itself down' },
    UNKNOWN: { description: 'Not checked yet, or nothing to probe' },
  },
});
export type SystemStatusEnum = (typeof SYSTEM_STATUSES)[number];

@ObjectType('SystemCheck', { description: 'One health check of a system' })
export class SystemCheckType {
  @Field(() => SystemStatusEnum)
  status!: SystemStatusEnum;

  @Field(() => Float, { nullable: true, description: 'Milliseconds to the answer; null when nothing answered' })
  responseTimeMs!: number | null;

  @Field(() => String, { nullable: true })
  detail!: string | null;

  @Field()
  checkedAt!: Date;
}

@Directive('@key(fields: "id")')
@ObjectType('System', { description: "A system in the registry: the platform's own services (seeded at start) and registered ones" })
export class SystemType {
  @Field(() => ID, { description: '`platform:<name>` for the platform’s own services' })
  id!: string;

  @Field({ description: 'Unique identifier-like name, lower case' })
  name!: string;

  @Field()
  description!: string;

  @Field(() => SystemKindEnum)
  type!: SystemKindEnum;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true })
  host!: string | null;

  @Field(() => Int, { nullable: true })
  port!: number | null;

  @Field(() => String, { nullable: true })
  owner!: string | null;

  @Field(() => String, { nullable: true })
  version!: string | null;

  @Field(() => [String])
  tags!: string[];

  @Field({ description: "True for the platform's own services: seeded from the ports this run uses, never deleted by hand" })
  builtIn!: boolean;

  @Field(() => SystemStatusEnum, { description: 'From the latest check (for processes the launcher supervises: what the launcher reports)' })
  status!: SystemStatusEnum;

  @Field(() => Float, { nullable: true, description: 'Of the latest check' })
  responseTimeMs!: number | null;

  @Field(() => String, { nullable: true, description: 'Why it is not ONLINE, or where the status came from' })
  statusDetail!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was last checked; null before the first check' })
  checkedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the status last changed' })
  statusChangedAt!: Date | null;

  @Field({ description: 'When it was registered (or first seeded)' })
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  /** Kept for the field resolvers; not in the schema. */
  record!: System;
}

export function toSystemType(system: System): SystemType {
  return Object.assign(new SystemType(), {
    ...system,
    type: system.type as SystemKindEnum,
    status: system.status as SystemStatusEnum,
    tags: [...system.tags],
    record: system,
  });
}

export const toSystemCheckType = (check: SystemCheckRecord): SystemCheckType => Object.assign(new SystemCheckType(), { ...check, status: check.status as SystemStatusEnum });

@ObjectType('SystemStatusChange', { description: 'A system whose status differs from its previous check' })
export class SystemStatusChangeType {
  @Field(() => SystemType)
  system!: SystemType;

  @Field(() => SystemStatusEnum)
  previousStatus!: SystemStatusEnum;

  @Field(() => SystemStatusEnum)
  status!: SystemStatusEnum;

  @Field()
  checkedAt!: Date;
}
