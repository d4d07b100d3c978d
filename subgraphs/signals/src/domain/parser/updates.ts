import type { UpdateKind } from '../signal-parse';
import { MARK } from './text';

/**
 * Recognises follow-up messages about an open signal ("ALVO 1 ATINGIDO", "Stopado", "parcial de 50%").
 * Each phrase is either an EVENT, something that has happened ("atingido", "stopado", "cancelada",
 * "encerrada"), which makes the message an update even when it repeats the original prices, or an
 * INSTRUCTION ("realizar parcial", "zerar", "encerrar"), which new signals also carry ("Alvo 1: 39,50
 * (realizar parcial)") and so only counts when the message is not a complete signal.
 */
export type UpdateStrength = 'EVENT' | 'INSTRUCTION';

export interface UpdateWording {
  readonly kind: UpdateKind;
  readonly strength: UpdateStrength;
  /** "Alvo 2 atingido" → 2; "Alvo final" or no number → null. */
  readonly targetNumber: number | null;
  /** Where the target numbers sit ("1 e 2" in "alvos 1 e 2 atingidos"), so they are not read as a price. */
  readonly numberSpan: { readonly start: number; readonly end: number } | null;
}

interface Rule {
  readonly kind: UpdateKind;
  readonly strength: UpdateStrength;
  readonly pattern: RegExp;
  /** Guard against "mercado fechado", "live cancelada": the thing closed is not a trade. */
  readonly needsTradeSubject?: boolean;
}

const W = '(?<![A-Z0-9])';
const END = '(?![A-Z])';
const TARGET_WORD = '(?:ALVOS?|TARGETS?|TPS?|OBJETIVOS?|METAS?|STOP[ \\t-]*GAIN|GAIN)';
// "ALVO 2", "TP1", "alvos 1 e 2", "alvo final".
const TARGET_NUMBERS = '(?:[ \\t]*(?:#|Nº)?[ \\t]*0?([1-9](?:[ \\t]*(?:,|E|&|\\/|-)[ \\t]*[1-9])*)(?![0-9]|[.,][0-9])|[ \\t]+(FINAL))?';
const HIT = '(?:FOI[ \\t]+|FORAM[ \\t]+)?(?:ATINGID[OA]S?|BATID[OA]S?|ALCANCAD[OA]S?|HIT|REACHED|DONE|CONCLUID[OA]S?|CUMPRID[OA]S?|EXECUTAD[OA]S?|ACIONAD[OA]S?)';
const REACH_VERB = '(?:ATINGIU|ATINGIMOS|BATEU|BATEMOS|ALCANCOU|ALCANCAMOS|PEGOU|PEGAMOS|BUSCOU|CHEGOU|CHEGAMOS|SAIU|SAIMOS|REALIZOU|REALIZAMOS|HIT)';
const ARTICLES = '(?:(?:O|NO|AO|NOSSO|NOSSOS|OS|NOS|AOS|TODOS|MAIS|UM|EM|NA|A|DE)[ \\t]+)*';

// A price right after the word means a new signal's field ("✅ Alvo 1: 39,00"), not a result.
const NO_PRICE = '(?![ \\t:=-]*(?:\\n[ \\t]*)?\\d)';

const TARGET_HIT_PATTERNS: readonly RegExp[] = [
  // "Alvo 1 (39,00) atingido"; the words between may not name the stop ("Alvo 1: 39 | Stop acionado").
  new RegExp(`${W}${TARGET_WORD}${TARGET_NUMBERS}${END}(?:(?!STOP|SL(?![A-Z]))[^\\n]){0,30}?(?<![A-Z])${HIT}${END}`, 'u'),
  new RegExp(`${W}${TARGET_WORD}${TARGET_NUMBERS}[ \\t:!.-]*${MARK.check}`, 'u'),
  new RegExp(`${MARK.check}[ \\t]*(?:GAIN|STOP[ \\t-]*GAIN)${END}${NO_PRICE}`, 'u'),
  new RegExp(`${W}${REACH_VERB}[ \\t]+${ARTICLES}${TARGET_WORD}${TARGET_NUMBERS}${END}`, 'u'),
];

const RULES: readonly Rule[] = [
  ...TARGET_HIT_PATTERNS.map((pattern): Rule => ({ kind: 'TARGET_HIT', strength: 'EVENT', pattern })),
  { kind: 'STOPPED', strength: 'EVENT', pattern: new RegExp(`${W}(?:STOP(?:[ \\t-]*LOSS)?|SL|LOSS)[ \\t:!.-]*${MARK.cross}`, 'u') },
  { kind: 'STOPPED', strength: 'EVENT', pattern: new RegExp(`${MARK.cross}[ \\t]*(?:STOP(?:[ \\t-]*LOSS)?|LOSS)${END}${NO_PRICE}`, 'u') },
  { kind: 'STOPPED', strength: 'EVENT', pattern: new RegExp(`${W}(?:STOPAD[OA]S?|STOPOU|STOPAMOS|STOPEI|STOPPED|ESTOPAD[OA]S?|ESTOPOU)${END}`, 'u') },
  {
    kind: 'STOPPED',
    strength: 'EVENT',
    pattern: new RegExp(`${W}(?:STOP(?:[ \\t-]*LOSS)?|SL|LOSS)(?:[ \\t]+(?:EM|DE|DO|DA|NO|NA)[ \\t]+[A-Z0-9]{4,8})?[ \\t]+(?:FOI[ \\t]+)?(?:ATINGIDO|ACIONADO|EXECUTADO|BATIDO|HIT|PEGO|ACIONOU|DISPAROU|DISPARADO)${END}`, 'u'),
  },
  {
    kind: 'STOPPED',
    strength: 'EVENT',
    pattern: new RegExp(
      `${W}(?:SAIMOS|SAIU|SAIRAM|BATEU|BATEMOS|PEGOU|PEGAMOS|LEVOU|LEVAMOS|TOMOU|TOMAMOS|ACIONOU|ATINGIU|DEU|FOMOS|FECHOU|FECHAMOS|ENCERROU|ENCERRAMOS|ZERAMOS|ZEROU)[ \\t]+(?:(?:O|NO|NA|DO|PELO|UM|EM)[ \\t]+)*(?:STOP|LOSS|SL)${END}`,
      'u',
    ),
  },
  {
    kind: 'CANCELED',
    strength: 'EVENT',
    pattern: new RegExp(`${W}(?:CANCELAD[OA]S?|CANCELAMOS|CANCELAMENTO|CANCELED|CANCELLED|ANULAD[OA]S?|ANULAMOS|DESCONSIDER(?:AR|EM|E|EMOS))${END}`, 'u'),
    needsTradeSubject: true,
  },
  {
    kind: 'CANCELED',
    strength: 'EVENT',
    pattern: new RegExp(
      `${W}CANCEL(?:AR|E|EM)[ \\t]+(?:(?:A|O|ESSA|ESSE|ESTA|ESTE|NOSSA|NOSSO|MINHA|SUA)[ \\t]+)?(?:ENTRADA|SINAL|OPERACAO|ORDEM|ORDENS|COMPRA|VENDA|TRADE|POSICAO)${END}`,
      'u',
    ),
  },
  { kind: 'CANCELED', strength: 'EVENT', pattern: /^[^A-Z0-9]*CANCELAR(?![A-Z])/u },
  { kind: 'CANCELED', strength: 'INSTRUCTION', pattern: new RegExp(`${W}CANCELAR${END}`, 'u') },
  {
    kind: 'PARTIAL_EXIT',
    strength: 'EVENT',
    pattern: new RegExp(`${W}(?:REALIZAMOS|REALIZEI|FIZEMOS|FIZ|EXECUTAMOS|SAIMOS[ \\t]+COM|SAIMOS[ \\t]+DE|TIRAMOS)[ \\t]+(?:(?:A|UMA|O|UM|MAIS|NOSSA|DE)[ \\t]+)*PARCIA(?:L|IS)${END}`, 'u'),
  },
  {
    kind: 'PARTIAL_EXIT',
    strength: 'EVENT',
    pattern: new RegExp(`${W}PARCIA(?:L|IS)[ \\t]+(?:(?:FOI|FORAM)[ \\t]+)?(?:REALIZADAS?|FEITAS?|EXECUTADAS?|REALIZADOS?|FEITOS?|CONCLUIDAS?)${END}`, 'u'),
  },
  { kind: 'PARTIAL_EXIT', strength: 'INSTRUCTION', pattern: new RegExp(`${W}PARCIA(?:L|IS|LMENTE)${END}`, 'u') },
  { kind: 'PARTIAL_EXIT', strength: 'INSTRUCTION', pattern: new RegExp(`${W}REALIZ[A-Z]*[ \\t]+(?:DE[ \\t]+)?\\d+[ \\t]*%`, 'u') },
  { kind: 'PARTIAL_EXIT', strength: 'INSTRUCTION', pattern: new RegExp(`${W}(?:REDUZIR|REDUZA|REDUZAM|REDUZIMOS)[ \\t]+(?:A[ \\t]+)?(?:POSICAO|MAO)${END}|METADE[ \\t]+DA[ \\t]+POSICAO`, 'u') },
  {
    kind: 'CLOSED',
    strength: 'EVENT',
    pattern: new RegExp(
      `${W}(?:ENCERRAD[OA]S?|ENCERRAMOS|ENCERRANDO|FINALIZAD[OA]S?|FINALIZAMOS|ZERAD[OA]S?|ZERAMOS|ZEROU|ZEREI|FECHAMOS|LIQUIDAD[OA]S?|LIQUIDAMOS|SAIMOS|CLOSED)${END}`,
      'u',
    ),
    needsTradeSubject: true,
  },
  {
    kind: 'CLOSED',
    strength: 'EVENT',
    pattern: new RegExp(`${W}(?:OPERACAO|OPERACOES|POSICAO|TRADE|SINAL)[ \\t]+(?:FOI[ \\t]+)?(?:FECHAD[OA]S?|CONCLUID[OA]S?)${END}`, 'u'),
  },
  { kind: 'CLOSED', strength: 'EVENT', pattern: new RegExp(`${W}REALIZ(?:AMOS|ANDO|OU|EI)[ \\t]+(?:O[ \\t]+)?LUCRO${END}`, 'u') },
  {
    kind: 'CLOSED',
    strength: 'INSTRUCTION',
    pattern: new RegExp(
      `${W}(?:ENCERRAR|ZERAR|ZEREM|ZERE|LIQUIDAR|FINALIZAR)${END}|${W}REALIZ(?:AR|EM|E)[ \\t]+(?:O[ \\t]+)?LUCRO${END}|${W}(?:FECHAR|FECHEM|SAIR|SAIAM|SAIA)[ \\t]+(?:(?:DA|DO|DE|NA|NO|A|O)[ \\t]+)*(?:OPERACAO|POSICAO|TRADE|PAPEL|ATIVO|COMPRA|VENDA|MERCADO)${END}|${W}SAIDA[ \\t]+TOTAL${END}`,
      'u',
    ),
  },
];

const KIND_ORDER: readonly UpdateKind[] = ['TARGET_HIT', 'STOPPED', 'CANCELED', 'PARTIAL_EXIT', 'CLOSED'];

// Phrases about what will or might happen ("se o alvo 1 for atingido", "após alvo 1 atingido, stop na
// entrada", "será cancelado se…") belong to a new signal's instructions, not to an update.
const CONDITIONAL = /(?<![A-Z])(?:SE|CASO|QUANDO|APOS|DEPOIS|ASSIM[ \t]+QUE|AO[ \t]+SER|ATE[ \t]+SER|SERA|SERAO|CONSIDERAR|CONSIDERE|CONSIDEREM|SENAO)(?![A-Z])/u;
const CONDITION_AFTER = /^[ \t,]+(?:SE|CASO|QUANDO)(?![A-Z])/u;
const NOT_A_TRADE =
  /(?<![A-Z])(?:MERCADO|BOLSA|PREGAO|CANDLE|BARRA|DIA|SEMANA|MES|ANO|INSCRICOES|INSCRICAO|VAGAS|TURMA|LIVE|AULA|GRUPO|SALA|CARRINHO|OFERTA|PROMOCAO|EVENTO|JANELA|LEILAO|CURSO|MENTORIA|REUNIAO|WEBINAR|TRANSMISSAO|CADASTRO|ASSINATURA|LOJA|FERIADO)[ \t]+(?:(?:FOI|FORAM|ESTA|ESTAO|E|JA|HOJE)[ \t]+)*$/u;

function applies(rule: Rule, text: string, match: RegExpMatchArray): boolean {
  const at = match.index ?? 0;
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const before = text.slice(Math.max(lineStart, at - 40), at);
  if (rule.strength === 'EVENT' && (CONDITIONAL.test(before) || CONDITIONAL.test(match[0]))) return false;
  if (rule.strength === 'EVENT' && CONDITION_AFTER.test(text.slice(at + match[0].length))) return false;
  if (rule.needsTradeSubject && NOT_A_TRADE.test(before)) return false;
  return true;
}

function targetNumberOf(match: RegExpMatchArray): number | null {
  if (match[1] === undefined) return null;
  // "Alvos 1 e 2 atingidos": the furthest target reached is the news.
  return Math.max(...(match[1].match(/[1-9]/gu) ?? []).map(Number));
}

/** The update the wording describes, events before instructions, then by kind order; null for none. */
export function detectUpdate(text: string): UpdateWording | null {
  for (const strength of ['EVENT', 'INSTRUCTION'] as const) {
    for (const kind of KIND_ORDER) {
      for (const rule of RULES) {
        if (rule.kind !== kind || rule.strength !== strength) continue;
        for (const match of text.matchAll(new RegExp(rule.pattern.source, 'gud'))) {
          if (!applies(rule, text, match)) continue;
          const at = match.indices?.[1];
          return {
            kind,
            strength,
            targetNumber: kind === 'TARGET_HIT' ? targetNumberOf(match) : null,
            numberSpan: kind === 'TARGET_HIT' && at ? { start: at[0], end: at[1] } : null,
          };
        }
      }
    }
  }
  return null;
}
