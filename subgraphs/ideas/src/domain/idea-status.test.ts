import { canMove, IDEA_STATUSES, IDEA_TRANSITIONS, nextStatuses, type IdeaStatus } from './idea-status';

/** The whole table, spelled out: every pair of statuses is either allowed here or refused. */
const ALLOWED: ReadonlyArray<[IdeaStatus, IdeaStatus]> = [
  ['NEW', 'REVIEW'],
  ['NEW', 'REJECTED'],
  ['REVIEW', 'IN_PROGRESS'],
  ['REVIEW', 'REJECTED'],
  ['REVIEW', 'NEW'],
  ['IN_PROGRESS', 'COMPLETED'],
  ['IN_PROGRESS', 'REVIEW'],
  ['IN_PROGRESS', 'REJECTED'],
  ['COMPLETED', 'REVIEW'],
  ['REJECTED', 'NEW'],
];

describe('idea status transitions', () => {
  const pairs = IDEA_STATUSES.flatMap((from) => IDEA_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s is allowed exactly when the table lists it', (from, to) => {
    const listed = ALLOWED.some(([f, t]) => f === from && t === to);
    expect(canMove(from, to)).toBe(listed);
  });

  it('never allows staying put (that is no change, not a move) and gives every status a way out', () => {
    for (const status of IDEA_STATUSES) {
      expect(canMove(status, status)).toBe(false);
      expect(nextStatuses(status).length).toBeGreaterThan(0);
    }
  });

  it('reaches every status from NEW and comes back to NEW from every status', () => {
    const reachable = (start: IdeaStatus): Set<IdeaStatus> => {
      const seen = new Set<IdeaStatus>([start]);
      const queue = [start];
      while (queue.length) for (const next of IDEA_TRANSITIONS[queue.shift()!]) if (!seen.has(next)) seen.add(next) && queue.push(next);
      return seen;
    };
    expect([...reachable('NEW')].sort()).toEqual([...IDEA_STATUSES].sort());
    for (const status of IDEA_STATUSES) expect(reachable(status).has('NEW')).toBe(true);
  });

  it('reopens a completed idea only through REVIEW', () => {
    expect(nextStatuses('COMPLETED')).toEqual(['REVIEW']);
    expect(canMove('COMPLETED', 'IN_PROGRESS')).toBe(false);
  });
});
