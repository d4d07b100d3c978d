import { type Check, invalid, valid } from './check';
import { checkDecimal, type DecimalBounds, type NumberStyle, readNumberText } from './decimal';
import { columnKey, type RawCell } from './import-content';
import type { RowProblem } from './row-problems';

export interface ReadContext {
  style: NumberStyle;
  /** CSV files that write any number with a decimal comma are Brazilian throughout (see readNumberText). */
  fileUsesDecimalComma: boolean;
  /** CSV: the header's columns; a field whose column is absent was reported once, on the header. */
  columns: Set<string> | null;
}

/**
 * Reads one record field by field, collecting every problem rather than stopping at the first, so one
 * import attempt lists everything that needs fixing. Getters return undefined for a refused field; the
 * caller builds the row only when `ok`.
 */
export class RowReader {
  ok = true;

  constructor(
    private readonly record: ReadonlyMap<string, RawCell>,
    readonly row: number,
    private readonly context: ReadContext,
    private readonly problems: RowProblem[],
  ) {}

  problem(field: string, reason: string): void {
    this.ok = false;
    this.problems.push({ row: this.row, field, reason });
  }

  /** A required text field, trimmed, then checked. */
  text<T = string>(field: string, check?: (text: string) => Check<T>): T | undefined {
    const raw = this.raw(field, false);
    return raw === undefined ? undefined : this.textOf(field, raw, check);
  }

  decimal(field: string, bounds: DecimalBounds = {}): string | undefined {
    const raw = this.raw(field, false);
    return raw === undefined ? undefined : this.decimalOf(field, raw, bounds);
  }

  optionalDecimal(field: string, bounds: DecimalBounds = {}): string | null | undefined {
    const raw = this.raw(field, true);
    return raw === undefined ? null : this.decimalOf(field, raw, bounds);
  }

  /** A whole number that fits a JS number exactly (at most 12 digits). */
  integer(field: string, bounds: Omit<DecimalBounds, 'integer'> = {}): number | undefined {
    const value = this.decimal(field, { ...bounds, integer: true });
    return value === undefined ? undefined : Number(value);
  }

  private raw(field: string, optional: boolean): RawCell | undefined {
    const key = columnKey(field);
    if (this.record.has(key)) return this.record.get(key);
    if (optional) return undefined;
    // a column missing from the header was reported once, on row 0
    if (this.context.columns !== null && !this.context.columns.has(key)) this.ok = false;
    else this.problem(field, 'is required');
    return undefined;
  }

  private textOf<T>(field: string, raw: RawCell, check?: (text: string) => Check<T>): T | undefined {
    if (typeof raw !== 'string') return this.refuse(field, `must be a string, got ${describe(raw)}`);
    const result = check ? check(raw.trim()) : (valid(raw.trim()) as Check<T>);
    return result.ok ? result.value : this.refuse(field, result.reason);
  }

  private decimalOf(field: string, raw: RawCell, bounds: DecimalBounds): string | undefined {
    let plain: Check<string>;
    if (typeof raw === 'string') plain = readNumberText(raw, this.context.style, this.context.fileUsesDecimalComma);
    // JSON numbers went through a float already; only whole numbers are certainly what the sender wrote
    else if (typeof raw === 'number' && Number.isSafeInteger(raw)) plain = valid(String(raw));
    else if (typeof raw === 'number') plain = invalid(`${raw} must be sent as a string, like "${raw}", so it stays exact`);
    else plain = invalid(`must be a number, got ${describe(raw)}`);
    if (!plain.ok) return this.refuse(field, plain.reason);
    const checked = checkDecimal(plain.value, bounds);
    return checked.ok ? checked.value : this.refuse(field, checked.reason);
  }

  private refuse(field: string, reason: string): undefined {
    this.problem(field, reason);
    return undefined;
  }
}

function describe(raw: RawCell): string {
  if (Array.isArray(raw)) return 'an array';
  if (raw === null) return 'null';
  return typeof raw === 'object' ? 'an object' : `${typeof raw} ${JSON.stringify(raw)}`;
}

/** A text check for a closed list of values. */
export function oneOf<T extends string>(values: readonly T[], what: string): (text: string) => Check<T> {
  return (text) => ((values as readonly string[]).includes(text) ? valid(text as T) : invalid(`${JSON.stringify(text)} is not a ${what} (${values.join(', ')})`));
}

export function lengthBetween(min: number, max: number): (text: string) => Check<string> {
  return (text) => (text.length >= min && text.length <= max ? valid(text) : invalid(`must be ${min}-${max} characters, got ${text.length}`));
}
