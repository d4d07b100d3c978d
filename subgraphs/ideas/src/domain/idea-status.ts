/**
 * An idea's review lifecycle as one table: status → the statuses it may move to. Everything that changes
 * a status (an update, a bulk change) asks this table; nothing sets a status around it.
 *
 * - NEW → REVIEW | REJECTED: someone looks at it, or it is turned down outright.
 * - REVIEW → IN_PROGRESS | REJECTED | NEW: accepted, turned down, or sent back to its author.
 * - IN_PROGRESS → COMPLETED | REVIEW | REJECTED: done, needs another look, or abandoned.
 * - COMPLETED → REVIEW: reopened for another look (a backtest that no longer holds, say). It never goes
 *   straight back to work: a finished idea is reviewed again first, so reopening leaves a trace.
 * - REJECTED → NEW: resubmitted, to start over.
 */
export const IDEA_STATUSES = ['NEW', 'REVIEW', 'IN_PROGRESS', 'COMPLETED', 'REJECTED'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

export const IDEA_TRANSITIONS: Readonly<Record<IdeaStatus, readonly IdeaStatus[]>> = {
  NEW: ['REVIEW', 'REJECTED'],
  REVIEW: ['IN_PROGRESS', 'REJECTED', 'NEW'],
  IN_PROGRESS: ['COMPLETED', 'REVIEW', 'REJECTED'],
  COMPLETED: ['REVIEW'],
  REJECTED: ['NEW'],
};

/** The status every idea starts in. */
export const INITIAL_STATUS: IdeaStatus = 'NEW';

export function canMove(from: IdeaStatus, to: IdeaStatus): boolean {
  return IDEA_TRANSITIONS[from].includes(to);
}

export function nextStatuses(from: IdeaStatus): readonly IdeaStatus[] {
  return IDEA_TRANSITIONS[from];
}
