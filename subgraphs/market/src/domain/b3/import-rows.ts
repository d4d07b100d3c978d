import { saoPauloDate } from '../session-time';
import { checkContractMonth } from './contract-month';
import type { DailyAdjustment } from './daily-adjustment';
import { checkDate, checkInstant } from './dates';
import type { DxyTick } from './dxy';
import type { B3ImportKind, B3Rows } from './import-kinds';
import { checkIndicatorName, type Indicator, type IndicatorHistoryPoint } from './indicator';
import { checkInstrument, checkOptionSymbol, checkUnderlying } from './instruments';
import { OPTION_KINDS, type OptionChainRow } from './option-row';
import type { RowProblem } from './row-problems';
import { lengthBetween, oneOf, type RowReader } from './row-reader';
import { SNAPSHOT_STATUSES, type Snapshot } from './snapshot';
import { checkDeltaBucket, type VolSurfacePoint } from './vol-surface';

const POSITIVE = { min: '0' } as const;
const VOL = { min: '0', max: '5' } as const;

/** How one kind of import is read: its fields, how a record becomes a row, and its natural key. */
export interface RowDefinition<R> {
  fields: readonly string[];
  /** Fields that may be absent (CSV: their column may be left out). */
  optionalFields?: readonly string[];
  /** Fields holding numbers: what decides whether a CSV file writes decimal commas. */
  numberFields: readonly string[];
  read(reader: RowReader): R | null;
  key(row: R): string;
  /** The key field blamed for a duplicate row (the one that usually differs). */
  keyField: string;
  keyFields: readonly string[];
  /** Rules across rows, beyond key uniqueness. */
  checkAcross?(rows: ReadonlyArray<{ row: R; number: number }>): RowProblem[];
}

/** Build the row only when every field was accepted. */
const done = <R>(reader: RowReader, row: { [K in keyof R]: R[K] | undefined }): R | null => (reader.ok ? (row as R) : null);

const snapshots: RowDefinition<Snapshot> = {
  fields: ['instrument', 'contractMonth', 'settlementPrice', 'previousSettlement', 'status', 'source', 'timestamp'],
  optionalFields: ['previousSettlement'],
  numberFields: ['settlementPrice', 'previousSettlement'],
  keyFields: ['instrument', 'contractMonth', 'timestamp'],
  keyField: 'timestamp',
  key: (r) => `${r.instrument}|${r.contractMonth}|${r.timestamp}`,
  read: (r) =>
    done<Snapshot>(r, {
      instrument: r.text('instrument', checkInstrument),
      contractMonth: r.text('contractMonth', checkContractMonth),
      settlementPrice: r.decimal('settlementPrice', POSITIVE),
      previousSettlement: r.optionalDecimal('previousSettlement', POSITIVE),
      status: r.text('status', oneOf(SNAPSHOT_STATUSES, 'snapshot status')),
      source: r.text('source', lengthBetween(1, 50)),
      timestamp: r.text('timestamp', checkInstant),
    }),
};

const indicators: RowDefinition<Indicator> = {
  fields: ['name', 'value', 'displayValue', 'updatedAt'],
  numberFields: ['value'],
  keyFields: ['name'],
  keyField: 'name',
  key: (r) => r.name,
  read: (r) =>
    done<Indicator>(r, {
      name: r.text('name', checkIndicatorName),
      value: r.decimal('value'),
      displayValue: r.text('displayValue', lengthBetween(1, 50)),
      updatedAt: r.text('updatedAt', checkInstant),
    }),
};

const indicatorHistory: RowDefinition<IndicatorHistoryPoint> = {
  fields: ['name', 'date', 'value'],
  numberFields: ['value'],
  keyFields: ['name', 'date'],
  keyField: 'date',
  key: (r) => `${r.name}|${r.date}`,
  read: (r) => done<IndicatorHistoryPoint>(r, { name: r.text('name', checkIndicatorName), date: r.text('date', checkDate), value: r.decimal('value') }),
};

const volSurface: RowDefinition<VolSurfacePoint> = {
  fields: ['underlying', 'date', 'contractMonth', 'deltaBucket', 'vol'],
  numberFields: ['vol'],
  keyFields: ['underlying', 'date', 'contractMonth', 'deltaBucket'],
  keyField: 'deltaBucket',
  key: (r) => `${r.underlying}|${r.date}|${r.contractMonth}|${r.deltaBucket}`,
  read: (r) =>
    done<VolSurfacePoint>(r, {
      underlying: r.text('underlying', checkUnderlying),
      date: r.text('date', checkDate),
      contractMonth: r.text('contractMonth', checkContractMonth),
      deltaBucket: r.text('deltaBucket', checkDeltaBucket),
      vol: r.decimal('vol', VOL),
    }),
};

const adjustments: RowDefinition<DailyAdjustment> = {
  fields: ['date', 'instrument', 'contractMonth', 'previousSettlement', 'settlement', 'adjustmentPerContract'],
  numberFields: ['previousSettlement', 'settlement', 'adjustmentPerContract'],
  keyFields: ['date', 'instrument', 'contractMonth'],
  keyField: 'contractMonth',
  key: (r) => `${r.date}|${r.instrument}|${r.contractMonth}`,
  read: (r) =>
    done<DailyAdjustment>(r, {
      date: r.text('date', checkDate),
      instrument: r.text('instrument', checkInstrument),
      contractMonth: r.text('contractMonth', checkContractMonth),
      previousSettlement: r.decimal('previousSettlement', POSITIVE),
      settlement: r.decimal('settlement', POSITIVE),
      adjustmentPerContract: r.decimal('adjustmentPerContract'),
    }),
};

const dxy: RowDefinition<DxyTick> = {
  fields: ['time', 'price'],
  numberFields: ['price'],
  keyFields: ['time'],
  keyField: 'time',
  key: (r) => r.time,
  read: (r) => done<DxyTick>(r, { time: r.text('time', checkInstant), price: r.decimal('price', POSITIVE) }),
};

const options: RowDefinition<OptionChainRow> = {
  fields: ['asOf', 'underlying', 'underlyingPrice', 'rate', 'symbol', 'kind', 'strike', 'openInterest', 'impliedVol', 'expiry', 'multiplier'],
  numberFields: ['underlyingPrice', 'rate', 'strike', 'openInterest', 'impliedVol', 'multiplier'],
  keyFields: ['underlying', 'asOf', 'symbol'],
  keyField: 'symbol',
  key: (r) => `${r.underlying}|${r.asOf}|${r.symbol}`,
  read: (r) => {
    const asOf = r.text('asOf', checkInstant);
    const expiry = r.text('expiry', checkDate);
    const row = done<OptionChainRow>(r, {
      asOf,
      underlying: r.text('underlying', checkUnderlying),
      underlyingPrice: r.decimal('underlyingPrice', POSITIVE),
      rate: r.decimal('rate', { min: '-1', max: '1' }),
      symbol: r.text('symbol', checkOptionSymbol),
      kind: r.text('kind', oneOf(OPTION_KINDS, 'option kind')),
      strike: r.decimal('strike', POSITIVE),
      openInterest: r.integer('openInterest', { min: '0', minInclusive: true }),
      impliedVol: r.decimal('impliedVol', VOL),
      expiry,
      multiplier: r.integer('multiplier', { min: '0' }),
    });
    const chainDate = asOf === undefined ? undefined : saoPauloDate(Date.parse(asOf));
    if (expiry !== undefined && chainDate !== undefined && expiry < chainDate) {
      r.problem('expiry', `${expiry} is before the chain's date (${chainDate} in São Paulo)`);
      return null;
    }
    return row;
  },
  // one chain has one underlying price and one rate: rows that disagree would make gamma levels depend on row order
  checkAcross: (rows) => {
    const firstOfChain = new Map<string, { row: OptionChainRow; number: number }>();
    const problems: RowProblem[] = [];
    for (const entry of rows) {
      const chain = `${entry.row.underlying}|${entry.row.asOf}`;
      const first = firstOfChain.get(chain);
      if (!first) {
        firstOfChain.set(chain, entry);
        continue;
      }
      for (const field of ['underlyingPrice', 'rate'] as const) {
        if (entry.row[field] !== first.row[field]) {
          problems.push({ row: entry.number, field, reason: `${entry.row[field]} differs from ${first.row[field]} on row ${first.number} of the same chain (${entry.row.underlying} at ${entry.row.asOf})` });
        }
      }
    }
    return problems;
  },
};

export const ROW_DEFINITIONS: { [K in B3ImportKind]: RowDefinition<B3Rows[K]> } = {
  SNAPSHOTS: snapshots,
  INDICATORS: indicators,
  INDICATOR_HISTORY: indicatorHistory,
  VOL_SURFACE: volSurface,
  ADJUSTMENTS: adjustments,
  DXY: dxy,
  OPTIONS: options,
};
