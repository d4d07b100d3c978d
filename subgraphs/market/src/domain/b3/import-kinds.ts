import type { DailyAdjustment } from './daily-adjustment';
import type { DxyTick } from './dxy';
import type { Indicator, IndicatorHistoryPoint } from './indicator';
import type { OptionChainRow } from './option-row';
import type { Snapshot } from './snapshot';
import type { VolSurfacePoint } from './vol-surface';

export const B3_IMPORT_KINDS = ['SNAPSHOTS', 'INDICATORS', 'INDICATOR_HISTORY', 'VOL_SURFACE', 'ADJUSTMENTS', 'DXY', 'OPTIONS'] as const;
export type B3ImportKind = (typeof B3_IMPORT_KINDS)[number];

export const B3_IMPORT_FORMATS = ['CSV', 'JSON'] as const;
export type B3ImportFormat = (typeof B3_IMPORT_FORMATS)[number];

/** The row type each kind of import carries. */
export interface B3Rows {
  SNAPSHOTS: Snapshot;
  INDICATORS: Indicator;
  INDICATOR_HISTORY: IndicatorHistoryPoint;
  VOL_SURFACE: VolSurfacePoint;
  ADJUSTMENTS: DailyAdjustment;
  DXY: DxyTick;
  OPTIONS: OptionChainRow;
}

export const isImportKind = (value: string): value is B3ImportKind => (B3_IMPORT_KINDS as readonly string[]).includes(value);
export const isImportFormat = (value: string): value is B3ImportFormat => (B3_IMPORT_FORMATS as readonly string[]).includes(value);

/** File-name words per kind; the more specific ones first (indicator-history before indicators). */
const NAME_HINTS: ReadonlyArray<[RegExp, B3ImportKind]> = [
  [/indicator[-_ ]?histor/, 'INDICATOR_HISTORY'],
  [/indicator/, 'INDICATORS'],
  [/snapshot|settlement/, 'SNAPSHOTS'],
  [/vol[-_ ]?surface|surface/, 'VOL_SURFACE'],
  [/adjust/, 'ADJUSTMENTS'],
  [/dxy/, 'DXY'],
  [/option/, 'OPTIONS'],
];

/** The kind a file holds, from its name ("2026-11-26-indicator-history.csv" → INDICATOR_HISTORY), or null. */
export function kindFromFileName(fileName: string): B3ImportKind | null {
  const base = fileName.split(/[\\/]/).pop()!.toLowerCase();
  return NAME_HINTS.find(([pattern]) => pattern.test(base))?.[1] ?? null;
}

/** CSV or JSON from the extension, or null. */
export function formatFromFileName(fileName: string): B3ImportFormat | null {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toUpperCase();
  return extension && isImportFormat(extension) ? extension : null;
}
