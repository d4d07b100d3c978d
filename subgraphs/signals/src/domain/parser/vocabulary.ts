import type { SignalKind, SignalSide } from '../signal-parse';
import { MARK } from './text';

/**
 * The words channels use for each field, matched on normalized text (upper case, no accents). A label
 * opens a field; its value is whatever follows up to the next label, read by fields.ts. METRIC fields hold
 * numbers that are not prices (risk, profit, size); OTHER fields only end the field before them.
 */
export type LabelKind = 'ENTRY' | 'TARGET' | 'STOP' | 'ASSET' | 'METRIC' | 'OTHER';

export interface Label {
  readonly kind: LabelKind;
  readonly start: number;
  readonly end: number;
  /**
   * How much an entry label is trusted: 1 "Entrada", 2 a side word ("Compra 38,50") or "@", 3 a bare
   * "Preço" or "vendido". The best rank that yields a price wins, so a "Compra" header never beats an
   * "Entrada" line.
   */
  readonly rank: number;
  /** The side a side-word entry label states ("Venda: 125.000"). */
  readonly side: SignalSide | null;
  /** "Alvo 2" → 2, "Alvo final" → 'FINAL'. */
  readonly index: number | 'FINAL' | null;
  /** 🎯, 🛑 or 💵 on its own: the price must follow at once, with no words in between. */
  readonly emoji: boolean;
}

// Start of a word that is not part of a hashtag; letters or digits glued on the left mean another word.
const B = `(?<![A-Z0-9${MARK.hashtag}])`;
const INDEX = '(?:[ \\t]*(?:#|Nº|N\\.)?[ \\t]*0?([1-9])(?![0-9]|[.,][0-9]))';

/**
 * Side words used as prose ("a compra de PETR4 foi boa", "na venda") are neither a side nor an entry.
 * "Sinal de compra" stays a side word.
 */
const PROSE = '(?<!(?:^|[^A-Z0-9])(?:A|NA|UMA|DA|ESSA|ESTA|NOSSA|SUA|MINHA|PELA|NESSA|NESTA|ESSE|PRIMEIRA)[ \\t]+)';
const BUY_WORDS = ['COMPRAR', 'COMPRA', 'COMPRE', 'BUY', 'LONG'];
const SELL_WORDS = ['VENDER', 'VENDA', 'SELL', 'SHORT'];

const base = { rank: 0, side: null, index: null, emoji: false } as const;

// One-letter field names some channels use: E(ntrada), C(ompra), S(top), A(lvo), T(arget).
const LETTER_FIELDS: Readonly<Record<string, Omit<Label, 'start' | 'end'>>> = {
  ENT: { ...base, kind: 'ENTRY', rank: 1 },
  E: { ...base, kind: 'ENTRY', rank: 1 },
  C: { ...base, kind: 'ENTRY', rank: 2, side: 'BUY' },
  S: { ...base, kind: 'STOP' },
  A: { ...base, kind: 'TARGET' },
  T: { ...base, kind: 'TARGET' },
};

interface LabelSpec {
  readonly pattern: RegExp;
  readonly build: (match: RegExpMatchArray) => Omit<Label, 'start' | 'end'>;
}

const LABELS: readonly LabelSpec[] = [
  {
    pattern: new RegExp(
      `${B}(?:ALVOS?|TARGETS?|TPS?|TAKE[ \\t-]*PROFIT|OBJETIVOS?|METAS?|STOP[ \\t-]*GAIN|GAIN|SG|SAIDA|RECOMPRA|PROJECAO|PRECO[ \\t-]*ALVO|(?<!(?:ENTRADA|SAIDA|ALVO|TP|TARGET|OBJETIVO|META)[ \\t]*(?:[1-9][ \\t]*)?[(:-]?[ \\t]*)PARCIAL)(?:${INDEX}|[ \\t]+(FINAL))?(?![A-Z])`,
      'gu',
    ),
    build: (match) => ({ ...base, kind: 'TARGET', index: match[1] ? Number(match[1]) : match[2] ? 'FINAL' : null }),
  },
  { pattern: new RegExp(`${B}T([1-9])(?![0-9A-Z])`, 'gu'), build: (match) => ({ ...base, kind: 'TARGET', index: Number(match[1]) }) },
  { pattern: new RegExp(MARK.target, 'gu'), build: () => ({ ...base, kind: 'TARGET', emoji: true }) },
  { pattern: new RegExp(`${B}(?:STOP[ \\t-]*LOSS|STOPLOSS|STOP|S\\/L|SL|LOSS|PROTECAO)(?![A-Z0-9])`, 'gu'), build: () => ({ ...base, kind: 'STOP' }) },
  { pattern: new RegExp(MARK.stop, 'gu'), build: () => ({ ...base, kind: 'STOP', emoji: true }) },
  {
    // "Entrada" after an article is prose about the entry ("stop 2% abaixo da entrada", "mínima do candle
    // de entrada"), not the entry field.
    pattern: new RegExp(
      `${B}(?:PRECO[ \\t]+(?:DE[ \\t]+)?ENTRADA|PONTO[ \\t]+DE[ \\t]+ENTRADA|(?:ZONA|REGIAO|FAIXA|AREA)[ \\t]+DE[ \\t]+(?:ENTRADA|COMPRA|VENDA)|REENTRADA|(?<!(?:DA|NA|A|DO|NO|CANDLE[ \\t]+DE|DIA[ \\t]+DE|BARRA[ \\t]+DE)[ \\t]+)ENTRADAS?|ENTRY|PRECO[ \\t]+MEDIO|GATILHO)(?:[ \\t]*[1-9](?=[ \\t]*[:=)\\-]))?(?![A-Z])`,
      'gu',
    ),
    build: () => ({ ...base, kind: 'ENTRY', rank: 1 }),
  },
  {
    pattern: new RegExp(`${B}${PROSE}(${[...BUY_WORDS, ...SELL_WORDS].join('|')})(?![A-Z])`, 'gu'),
    build: (match) => ({ ...base, kind: 'ENTRY', rank: 2, side: BUY_WORDS.includes(match[1] as string) ? 'BUY' : 'SELL' }),
  },
  { pattern: /@(?=[ \t]*\d)/gu, build: () => ({ ...base, kind: 'ENTRY', rank: 2 }) },
  { pattern: new RegExp(`${B}(?:ENTRAR|ENTRAMOS|ENTREI|ENTREM)(?![A-Z])`, 'gu'), build: () => ({ ...base, kind: 'ENTRY', rank: 2 }) },
  { pattern: new RegExp(`${B}(?:PRECO(?:[ \\t-]*TETO)?|COTACAO|PRICE|PREMIO)(?![A-Z])`, 'gu'), build: () => ({ ...base, kind: 'ENTRY', rank: 3 }) },
  // 💵 / 💰 decorate many things ("💰 Lucro"), so on their own they are the weakest entry label.
  { pattern: new RegExp(MARK.money, 'gu'), build: () => ({ ...base, kind: 'ENTRY', rank: 3, emoji: true }) },
  {
    // Only at the start of a line or after a field separator, and before ":" or "=", where a lone letter
    // cannot be a word: "E: 38,50 | A: 40,00 | S: 37,50".
    pattern: new RegExp(`(?<=(?:^|[|/;,•-])[ \\t\\-•>${MARK.bullet}${MARK.check}]*)(?:ENT|[ECSAT])(?=[ \\t]*[:=])`, 'gmu'),
    build: (match) => LETTER_FIELDS[match[0]] ?? { ...base, kind: 'OTHER' },
  },
  {
    // "PETR4 vendido em 38,50": a position word, trusted as little as a bare "Preço".
    pattern: new RegExp(`${B}${PROSE}(COMPRAD|VENDID)(?:[OA]S?)(?![A-Z])`, 'gu'),
    build: (match) => ({ ...base, kind: 'ENTRY', rank: 3, side: match[1] === 'COMPRAD' ? 'BUY' : 'SELL' }),
  },
  {
    pattern: new RegExp(`${B}(?:ATIVO|PAPEL|TICKER|ACAO|CODIGO|ASSET|SIMBOLO|SYMBOL|INSTRUMENTO)(?![A-Z])(?![ \\t-]*OBJETO)`, 'gu'),
    build: () => ({ ...base, kind: 'ASSET' }),
  },
  {
    // Fields whose numbers are not prices; they also end the field before them ("Stop: técnico / Risco: 1,5").
    pattern: new RegExp(
      `${B}(?:RISCO|RETORNO|RR|R\\/R|PAYOFF|LOTES?|CAPITAL|LUCRO|PREJUIZO|POTENCIAL|GANHO|PERDA|RESULTADO|RENTABILIDADE|VOLUME|QUANTIDADE|QTD|ALAVANCAGEM|MARGEM|DIVIDENDOS?|STRIKE|DELTA|VARIACAO)(?![A-Z])`,
      'gu',
    ),
    build: () => ({ ...base, kind: 'METRIC' }),
  },
  {
    pattern: new RegExp(
      `${B}(?:VALIDADE|VALIDO|VALIDA|PRAZO|OBS|OBSERVACAO|OBSERVACOES|NOTA|GERENCIAMENTO|SETUP|TIPO|OPERACAO|DATA|HORARIO|TIMEFRAME|GRAFICO|ESTRATEGIA|MODALIDADE|VENCIMENTO|DURACAO|CANAL|GRUPO|CONTATO|WHATSAPP|TELEGRAM|SITE|LINK)(?![A-Z])`,
      'gu',
    ),
    build: () => ({ ...base, kind: 'OTHER' }),
  },
];

/** Every label in the text, left to right; where two overlap the longer wins ("STOP GAIN" over "STOP"). */
export function findLabels(text: string): Label[] {
  const found: Label[] = [];
  for (const spec of LABELS) {
    for (const match of text.matchAll(spec.pattern)) {
      const start = match.index ?? 0;
      found.push({ ...spec.build(match), start, end: start + match[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Label[] = [];
  for (const label of found) {
    const last = kept[kept.length - 1];
    if (!last || label.start >= last.end) kept.push(label);
  }
  return kept;
}

const SIDE_WORD = new RegExp(
  `${B}${PROSE}(COMPRAR|COMPRADOS?|COMPRADAS?|COMPRA|COMPRE|BUY|LONG|VENDER|VENDIDOS?|VENDIDAS?|VENDA|SELL|SHORT)(?![A-Z])`,
  'u',
);

/** The first side word decides; "ENTRADA" states nothing, and BUY is the default. */
export function detectSide(text: string): SignalSide {
  const match = SIDE_WORD.exec(text);
  if (!match) return 'BUY';
  return /^(?:COMPR|BUY|LONG)/u.test(match[1] as string) ? 'BUY' : 'SELL';
}

const KIND_PATTERNS: ReadonlyArray<readonly [RegExp, SignalKind]> = [
  [/(?<![A-Z])SWING(?:[ \t-]*TRADE)?(?![A-Z])|SWINGTRADE/u, 'SWING'],
  [/(?<![A-Z])(?:DAY[ \t-]*TRAD(?:E|ING)|DAYTRADE|INTRA[ \t-]*DAY|INTRADIA)(?![A-Z])|(?:TIPO|MODALIDADE|OPERACAO)[ \t]*[:-]?[ \t]*DAY(?![A-Z])/u, 'DAY'],
  [/(?:^|[\[(|])[ \t\-•.]*DAY[ \t.!]*(?=$|[\])|])/mu, 'DAY'],
  [/(?<![A-Z])POSITION(?:[ \t-]*TRADE)?(?![A-Z])/u, 'POSITION'],
  // "Posição" is also the side ("Posição: vendida") or the size ("tamanho da posição"), so it is a kind
  // only after a kind-ish word ("trade de posição", "Tipo: posição") or alone on its line or in brackets.
  [/(?<![A-Z])(?:TRADE|OPERACAO|SETUP|ESTRATEGIA|CARTEIRA)[ \t]+(?:DE[ \t]+)?POSICAO(?![A-Z])/u, 'POSITION'],
  [/(?<![A-Z])(?:TIPO|MODALIDADE|PRAZO|PERFIL|CATEGORIA|OPERACAO|TRADE|ESTRATEGIA)[ \t]*[:-][ \t]*POSICAO(?![A-Z])/u, 'POSITION'],
  [/(?:^|[\[(|])[ \t\-•.]*POSICAO[ \t.!]*(?=$|[\])|])/mu, 'POSITION'],
];

/** The kind the message states, the earliest one when it states several; null when it states none. */
export function detectKind(text: string): SignalKind | null {
  let best: { at: number; kind: SignalKind } | null = null;
  for (const [pattern, kind] of KIND_PATTERNS) {
    const match = pattern.exec(text);
    if (match && (!best || match.index < best.at)) best = { at: match.index, kind };
  }
  return best?.kind ?? null;
}

/**
 * Phrases whose words would be misread as fields, blanked before labels are found:
 * the disclaimer "não é recomendação de compra e venda" (two side words), "opção de compra" (a call, not a
 * side), "ativo objeto PETR4 a 34,80" (the underlying's quote, not the option's entry) and "stop na
 * entrada" (a stop move that is not an entry price). stopMove reports the latter, and
 * any other stop adjustment ("subir o stop para 38,50"), so the caller can tell a stop move from a signal.
 */
const BLANKED_PHRASES: readonly RegExp[] = [
  /(?<![A-Z])COMPRA[ \t]*(?:E|OU|\/|&)[ \t]*VENDA(?![A-Z])/gu,
  /(?<![A-Z])VENDA[ \t]*(?:E|OU|\/|&)[ \t]*COMPRA(?![A-Z])/gu,
  /(?<![A-Z])OPC(?:AO|OES)[ \t]+DE[ \t]+(?:COMPRA|VENDA)(?![A-Z])/gu,
  // An option's underlying and its quote: "(ativo objeto PETR4 a 34,80)".
  /(?<![A-Z])ATIVO[ \t-]*OBJETO[ \t:]*(?:[A-Z0-9]{4,8})?(?:[ \t]+(?:A|EM|@|COTADO[ \t]+A))?[ \t]*(?:\d+(?:[.,]\d+)*)?/gu,
];
const STOP_TO_ENTRY =
  /(?<![A-Z])STOP[ \t]+(?:PARA|PRA|NO|NA|EM|AO)[ \t]+(?:(?:O|A)[ \t]+)?(?:PRECO[ \t]+DE[ \t]+)?(?:ENTRADA|BREAK[ \t-]*EVEN|ZERO[ \t]*A[ \t]*ZERO|0[ \t]*[AX][ \t]*0)(?![A-Z])/gu;
const STOP_ADJUSTMENT =
  /(?<![A-Z])(?:(?:SUBIR|SUBA|SUBAM|SUBIMOS|MOVER|MOVA|MOVAM|AJUSTAR|AJUSTE|AJUSTEM|COLOCAR|COLOQUE|COLOQUEM|TRAZER|PUXAR|PUXE|BAIXAR|BAIXE|DESCER|DESCA|REPOSICIONAR|ALTERAR|MUDAR)[ \t]+(?:O[ \t]+)?STOP|NOVO[ \t]+STOP|STOP[ \t]+(?:MOVIDO|AJUSTADO|ALTERADO|REPOSICIONADO|ATUALIZADO))(?![A-Z])/u;

export function blankPhrases(text: string): { readonly text: string; readonly stopMove: boolean } {
  let stopMove = STOP_ADJUSTMENT.test(text);
  let result = text;
  for (const pattern of BLANKED_PHRASES) result = result.replace(pattern, (phrase) => ' '.repeat(phrase.length));
  result = result.replace(STOP_TO_ENTRY, (phrase) => {
    stopMove = true;
    return ' '.repeat(phrase.length);
  });
  return { text: result, stopMove };
}
