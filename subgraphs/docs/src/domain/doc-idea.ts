import { type FieldIssue, optionalText } from './field-issue';
import type { SystemId } from './system';

export type DocIdeaId = string & { readonly __brand: 'DocIdeaId' };

/** Board columns, left to right. */
export const DOC_IDEA_STATUSES = ['BACKLOG', 'TODO', 'IN_PROGRESS', 'REVIEW', 'DONE'] as const;
export type DocIdeaStatus = (typeof DOC_IDEA_STATUSES)[number];

export const DOC_IDEA_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;
export type DocIdeaPriority = (typeof DOC_IDEA_PRIORITIES)[number];

export const HOURS_MIN = 1;
export const HOURS_MAX = 1000;
export const MAX_POSITION = 100_000;

/** What a writer sets on a card; status and position change only by moving it. */
export interface DocIdeaFields {
  title: string;
  description: string;
  category: string | null;
  priority: DocIdeaPriority;
  assignee: string | null;
  systemId: SystemId | null;
  estimatedHours: number | null;
  actualHours: number | null;
  /** A calendar date, `YYYY-MM-DD`. */
  dueDate: string | null;
}

export interface DocIdea extends DocIdeaFields {
  id: DocIdeaId;
  status: DocIdeaStatus;
  /** 0-based place in its column; a column's positions are always 0..n-1. */
  position: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A new card or a change: absent keeps the old value, null clears an optional one. */
export interface DocIdeaInput {
  title?: string | null;
  description?: string | null;
  category?: string | null;
  priority?: DocIdeaPriority | null;
  assignee?: string | null;
  systemId?: string | null;
  estimatedHours?: number | null;
  actualHours?: number | null;
  dueDate?: string | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day from 2000 to 2100 (29 February only in leap years). */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 2000 && year <= 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function hours(field: string, value: number | null, issues: FieldIssue[]): void {
  if (value !== null && (!Number.isFinite(value) || value < HOURS_MIN || value > HOURS_MAX)) {
    issues.push({ field, message: `must be from ${HOURS_MIN} to ${HOURS_MAX} hours` });
  }
}

/**
 * Normalises a new card (`current` null) or a change to `current`, listing every broken rule. Whether
 * `systemId` names a registered system is the service's check (it needs the store).
 */
export function checkDocIdeaInput(input: DocIdeaInput, current: DocIdeaFields | null): { fields: DocIdeaFields; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const keep = <K extends keyof DocIdeaInput>(key: K): boolean => input[key] === undefined && current !== null;

  const title = keep('title') ? current!.title : (input.title ?? '').trim();
  if (title.length < 1 || title.length > 200) issues.push({ field: 'title', message: 'must be 1 to 200 characters' });
  const description = keep('description') ? current!.description : (input.description ?? '').trim();
  if (description.length > 10_000) issues.push({ field: 'description', message: 'must be at most 10000 characters' });
  const category = keep('category') ? current!.category : optionalText(input.category);
  if (category !== null && category.length > 64) issues.push({ field: 'category', message: 'must be at most 64 characters' });
  const priority = keep('priority') ? current!.priority : (input.priority ?? (current ? null : 'MEDIUM'));
  if (priority === null || !DOC_IDEA_PRIORITIES.includes(priority)) issues.push({ field: 'priority', message: `must be one of ${DOC_IDEA_PRIORITIES.join(', ')}` });
  const assignee = keep('assignee') ? current!.assignee : optionalText(input.assignee);
  if (assignee !== null && assignee.length > 120) issues.push({ field: 'assignee', message: 'must be at most 120 characters' });
  const systemId = keep('systemId') ? current!.systemId : ((optionalText(input.systemId) as SystemId | null) ?? null);
  const estimatedHours = keep('estimatedHours') ? current!.estimatedHours : (input.estimatedHours ?? null);
  hours('estimatedHours', estimatedHours, issues);
  const actualHours = keep('actualHours') ? current!.actualHours : (input.actualHours ?? null);
  hours('actualHours', actualHours, issues);
  const dueDate = keep('dueDate') ? current!.dueDate : optionalText(input.dueDate);
  if (dueDate !== null && !isCalendarDate(dueDate)) issues.push({ field: 'dueDate', message: 'must be a date YYYY-MM-DD from 2000 to 2100' });

  return { fields: { title, description, category, priority: priority ?? 'MEDIUM', assignee, systemId, estimatedHours, actualHours, dueDate }, issues };
}

/** A requested place on the board: a column and a 0-based position in it (past the end means last). */
export function checkPlacement(status: string | null | undefined, position: number | null | undefined, fieldPrefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (status == null || !(DOC_IDEA_STATUSES as readonly string[]).includes(status)) issues.push({ field: `${fieldPrefix}status`, message: `must be one of ${DOC_IDEA_STATUSES.join(', ')}` });
  if (position != null && (!Number.isInteger(position) || position < 0 || position > MAX_POSITION)) {
    issues.push({ field: `${fieldPrefix}position`, message: `must be a whole number from 0 to ${MAX_POSITION}` });
  }
  return issues;
}
