import { registerEnumType } from 'type-graphql';

// Values mirror domain/ letter for letter; the resolvers cast between the two.

export enum IdeaStatusEnum {
  NEW = 'NEW',
  REVIEW = 'REVIEW',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
}
registerEnumType(IdeaStatusEnum, { name: 'IdeaStatus', description: 'Review lifecycle; the allowed moves are in ideaStatusTransitions' });

export enum IdeaPriorityEnum {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
registerEnumType(IdeaPriorityEnum, { name: 'IdeaPriority' });

export enum IdeaOrderByEnum {
  CREATED_AT_DESC = 'CREATED_AT_DESC',
  CREATED_AT_ASC = 'CREATED_AT_ASC',
  UPDATED_AT_DESC = 'UPDATED_AT_DESC',
  UPDATED_AT_ASC = 'UPDATED_AT_ASC',
  PRIORITY_DESC = 'PRIORITY_DESC',
  PRIORITY_ASC = 'PRIORITY_ASC',
}
registerEnumType(IdeaOrderByEnum, {
  name: 'IdeaOrderBy',
  description: 'Every order is total (the id breaks ties); PRIORITY_DESC is the most urgent first, newest first within a priority',
});

export enum IdeaChangeKindEnum {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}
registerEnumType(IdeaChangeKindEnum, { name: 'IdeaChangeKind' });
