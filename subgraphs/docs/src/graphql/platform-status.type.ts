import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { HealthStatus as DomainHealthStatus } from '@b3/kit';
import type { PlatformStatus, ServiceStatus } from '../domain/platform-status';

export enum HealthStatus {
  OK = 'OK',
  DEGRADED = 'DEGRADED',
  DOWN = 'DOWN',
}
registerEnumType(HealthStatus, {
  name: 'HealthStatus',
  valuesConfig: {
    DEGRADED: { description: 'Serving, but a non-critical dependency is failing' },
    DOWN: { description: 'Not answering, or a critical dependency is failing' },
  },
});

@ObjectType('ServiceStatus')
export class ServiceStatusType {
  @Field()
  name!: string;

  @Field()
  url!: string;

  @Field(() => HealthStatus)
  status!: HealthStatus;

  @Field(() => Float, { nullable: true, description: 'Health check round trip; null when the service did not answer' })
  latencyMs!: number | null;

  @Field(() => Int, { nullable: true, description: 'Restarts by the launcher; null when the launcher is not running' })
  restarts!: number | null;

  @Field(() => String, { nullable: true, description: 'Failing checks, the launcher-reported pid, or why there is no answer' })
  detail!: string | null;
}

@ObjectType('PlatformStatus')
export class PlatformStatusType {
  @Field(() => HealthStatus, { description: 'The worst status of any service' })
  overall!: HealthStatus;

  @Field({ description: 'When this status was gathered; answers are reused for about a second' })
  checkedAt!: Date;

  @Field(() => [ServiceStatusType])
  services!: ServiceStatusType[];
}

const toEnum: Record<DomainHealthStatus, HealthStatus> = { OK: HealthStatus.OK, DEGRADED: HealthStatus.DEGRADED, DOWN: HealthStatus.DOWN };

function toServiceStatusType(service: ServiceStatus): ServiceStatusType {
  return Object.assign(new ServiceStatusType(), { ...service, status: toEnum[service.status] });
}

export function toPlatformStatusType(status: PlatformStatus): PlatformStatusType {
  return Object.assign(new PlatformStatusType(), {
    overall: toEnum[status.overall],
    checkedAt: status.checkedAt,
    services: status.services.map(toServiceStatusType),
  });
}
