import { DomainError } from '@b3/kit';
import { MARKET_CODES } from '../../errors';
import { formatProblem, type RowProblem } from './row-problems';

/** How many row problems an import error lists; the count says how many there were in all. */
export const LISTED_PROBLEMS = 20;

/** B3 import errors (listed with every MARKET_* code in errors.ts); bad arguments use MarketErrors.badArgument. */
export const B3Errors = {
  /** The file was refused as a whole: nothing was stored. `problems` reads `row N, field F: reason`. */
  invalidImport: (problems: readonly RowProblem[]) => {
    const listed = problems.slice(0, LISTED_PROBLEMS).map(formatProblem);
    const more = problems.length > listed.length ? `\n… and ${problems.length - listed.length} more` : '';
    return new DomainError(
      'BAD_USER_INPUT',
      `The import was refused (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was stored:\n${listed.join('\n')}${more}`,
      { field: problems[0]?.field ?? 'content', problems: listed, problemCount: problems.length },
    );
  },

  importRunning: (kind: string, jobId: string) =>
    new DomainError(MARKET_CODES.b3ImportRunning, `An import of ${kind} is already running (job ${jobId}); wait for it to finish`, { kind, jobId }),

  unknownImportJob: (jobId: string) => new DomainError('NOT_FOUND', `No B3 import job ${jobId}`, { field: 'jobId', jobId }),
} as const;
