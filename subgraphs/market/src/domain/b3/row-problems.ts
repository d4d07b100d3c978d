/** Why one field of one row was refused. Row 0 is the CSV header; data rows count from 1 (JSON: index + 1). */
export interface RowProblem {
  row: number;
  field: string;
  reason: string;
}

export const formatProblem = (problem: RowProblem): string =>
  `row ${problem.row}${problem.row === 0 ? ' (header)' : ''}, field ${problem.field}: ${problem.reason}`;
