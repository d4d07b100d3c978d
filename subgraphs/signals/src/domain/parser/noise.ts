import { blankOut } from './text';
import type { Label, LabelKind } from './vocabulary';

/**
 * Numbers that are not prices: dates, times, percentages, counts ("2 lotes", "1ª entrada"), phone numbers
 * and ratios. They are blanked out so no field reader can take them for a price or the end of a range.
 * A span that overlaps a price label is left alone: "ALVO 1:39,00" holds a target number, not a time.
 */

interface Span {
  readonly start: number;
  readonly end: number;
}

const MONTHS = 'JANEIRO|FEVEREIRO|MARCO|ABRIL|MAIO|JUNHO|JULHO|AGOSTO|SETEMBRO|OUTUBRO|NOVEMBRO|DEZEMBRO|JAN|FEV|MAR|ABR|MAI|JUN|JUL|AGO|SET|OUT|NOV|DEZ';
const UNITS = [
  'LOTES?', 'CONTRATOS?', 'CTS?', 'ACOES', 'ACAO', 'COTAS?', 'UNIDADES?', 'PAPEIS', 'MINIS?', 'DIAS?', 'HORAS?', 'HRS?', 'MINUTOS?',
  'MIN', 'SEMANAS?', 'MESES', 'MES', 'ANOS?', 'VAGAS?', 'MEMBROS', 'PESSOAS', 'ALUNOS', 'VEZES', 'CANDLES?', 'BARRAS?',
  'PERIODOS', 'SEGUNDOS', 'OPERACOES', 'TRADES', 'SINAIS', 'ALVOS', 'ENTRADAS', 'CLIENTES', 'INSCRITOS', 'ASSINANTES',
].join('|');
// A number that is not glued to another number on its left.
const FREE = '(?<![\\d.,])';
// ... nor on its right (a digit, or a separator followed by a digit).
const ENDS = '(?![\\d]|[.,]\\d)';

const ALWAYS: readonly RegExp[] = [
  // Phone numbers: (11) 99999-9999, +55 11 99999 9999, 99999-9999.
  /(?:\+[ \t]*55[ \t]*)?\([ \t]*\d{2}[ \t]*\)[ \t]*9?[ \t]*\d{4}[ \t]*-?[ \t]*\d{4}/gu,
  /\+[ \t]*55[ \t]*\d{2}[ \t]*9?\d{4}[ \t]*-?[ \t]*\d{4}/gu,
  new RegExp(`${FREE}9\\d{4}-\\d{4}${ENDS}`, 'gu'),
  // "dia 28", "dia 28/10", "28 de outubro", "outubro/26".
  new RegExp(`(?<![A-Z0-9])DIAS?[ \\t]+\\d{1,2}(?:[/.-]\\d{1,2}(?:[/.-]\\d{2,4})?)?${ENDS}`, 'gu'),
  new RegExp(`${FREE}\\d{1,2}[ \\t]+DE[ \\t]+(?:${MONTHS})(?![A-Z])(?:[ \\t]+DE[ \\t]+\\d{4})?`, 'gu'),
  new RegExp(`(?<![A-Z])(?:${MONTHS})[ \\t]*\\/[ \\t]*\\d{2,4}${ENDS}`, 'gu'),
  // Times: 10:30, 10h, 10h30, 10hs, "às 10".
  new RegExp(`${FREE}(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?(?:[ \\t]*(?:H|HS|HRS))?${ENDS}`, 'gu'),
  new RegExp(`${FREE}(?:[01]?\\d|2[0-3])[ \\t]*(?:H|HS|HRS|HORAS?)(?:[ \\t]*[0-5]\\d(?:[ \\t]*MIN)?)?(?![A-Z0-9])`, 'gu'),
  new RegExp(`(?<![A-Z0-9])AS[ \\t]+\\d{1,2}${ENDS}`, 'gu'),
  // Percentages, signed or not: "+5%", "risco 2 %", "3,5 por cento".
  /(?<![\d.,])[+-]?[ \t]*\d+(?:[.,]\d+)*[ \t]*(?:%|POR[ \t]*CENTO)/gu,
  // Ordinals and counts: "1ª entrada", "2º", "2 lotes", "3 dias".
  /\d+[ \t]*º/gu,
  new RegExp(`${FREE}\\d+[ \\t]*(?:${UNITS})(?![A-Z])`, 'gu'),
  // Risk/reward ratios: "1:3", "1 x 2,5".
  new RegExp(`${FREE}\\d{1,2}(?:[.,]\\d)?[ \\t]*(?::|X)[ \\t]*\\d{1,2}(?:[.,]\\d)?${ENDS}`, 'gu'),
];

// Day and month, optionally a year: 28/10, 30/11/2026, 28-10-26, 28.10.2026 (a year is needed with "." or "-").
const DATE = /(?<![\d.,/-])(\d{1,2})(?:\/(\d{1,2})(?:\/(?:\d{4}|\d{2}))?|([.-])(\d{1,2})\3(?:\d{4}|\d{2}))(?![\d/]|[.,]\d)/gu;

const PRICE_LABELS: ReadonlySet<LabelKind> = new Set(['ENTRY', 'TARGET', 'STOP']);
const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/**
 * "28/10" is a date when it is a valid day and month, unless it sits right after a price label, where
 * "Alvos: 10/11/12" is a list and "Entrada: 10/11" a range.
 */
function dateSpans(text: string, priceLabelEnds: ReadonlySet<number>): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(DATE)) {
    const [day, month] = [Number(match[1]), Number(match[2] ?? match[4])];
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    const start = match.index ?? 0;
    const before = text.slice(0, start).replace(/[ \t:=\-]+$/u, '');
    if (priceLabelEnds.has(before.length)) continue;
    spans.push({ start, end: start + match[0].length });
  }
  return spans;
}

export function maskNoise(text: string, labels: readonly Label[]): string {
  const spans: Span[] = [];
  for (const pattern of ALWAYS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0;
      spans.push({ start, end: start + match[0].length });
    }
  }
  const priceLabelEnds = new Set(labels.filter((label) => PRICE_LABELS.has(label.kind)).map((label) => label.end));
  spans.push(...dateSpans(text, priceLabelEnds));
  const priceLabels = labels.filter((label) => PRICE_LABELS.has(label.kind));
  return blankOut(text, spans.filter((span) => !priceLabels.some((label) => overlaps(span, label))));
}
