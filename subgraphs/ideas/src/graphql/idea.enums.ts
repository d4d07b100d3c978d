import { domainEnum } from '@b3/kit';
import { IDEA_CHANGE_KINDS, type IdeaChangeKind } from '../domain/idea-change';
import { IDEA_ORDERS, type IdeaOrder } from '../domain/idea-filter';
import { IDEA_STATUSES, type IdeaStatus } from '../domain/idea-status';
import { IDEA_PRIORITIES, type IdeaPriority } from '../domain/idea';

// Each enum is registered from the domain's list; the type of the same name is the domain's value type.

export const IdeaStatusEnum = domainEnum(IDEA_STATUSES, { name: 'IdeaStatus', description: 'Review lifecycle; the allowed moves are in ideaStatusTransitions' });
export type IdeaStatusEnum = IdeaStatus;

export const IdeaPriorityEnum = domainEnum(IDEA_PRIORITIES, { name: 'IdeaPriority' });
export type IdeaPriorityEnum = IdeaPriority;

export const IdeaOrderByEnum = domainEnum(IDEA_ORDERS, {
  name: 'IdeaOrderBy',
  description: 'Every order is total (the id breaks ties); PRIORITY_DESC is the most urgent first, newest first within a priority',
});
export type IdeaOrderByEnum = IdeaOrder;

export const IdeaChangeKindEnum = domainEnum(IDEA_CHANGE_KINDS, { name: 'IdeaChangeKind' });
export type IdeaChangeKindEnum = IdeaChangeKind;
