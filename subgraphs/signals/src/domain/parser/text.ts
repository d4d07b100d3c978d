/**
 * Turns a raw Telegram message into one plain, upper-case, accent-free text that every later step reads
 * with simple regular expressions. Emojis that carry meaning (🎯 target, 🛑 stop, 💵 price, ✅ done,
 * ❌ lost, 1️⃣ bullets) become private-use marker characters so they survive the wipe of every other symbol.
 */

export const MARK = {
  target: '\uE001',
  stop: '\uE002',
  check: '\uE003',
  cross: '\uE004',
  hashtag: '\uE005',
  money: '\uE006',
  ordinal: '\uE007',
  bullet: '\uE010',
} as const;

// Links, e-mails and @handles are masked before anything else: "t.me/sinais_de_compra" or "@alvo_certo"
// would otherwise leak vocabulary words and digits into the message.
const LINKS: readonly RegExp[] = [
  /\b(?:https?:\/\/|www\.)\S+/giu,
  /\b(?:t\.me|wa\.me|bit\.ly|linktr\.ee|chat\.whatsapp\.com)\/\S*/giu,
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.\p{L}[\p{L}\p{N}-]*)+/gu,
  /\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|net|org|io|app|site|link)(?:\.br)?\b\S*/giu,
  /(?<![\p{L}\p{N}_])@[\p{L}_][\p{L}\p{N}_.]*/gu,
];

export function maskLinks(text: string): string {
  return LINKS.reduce((current, pattern) => current.replace(pattern, ' '), text);
}

export function normalizeText(raw: string): string {
  let text = raw.replace(/\r\n?/g, '\n');
  text = maskLinks(text);
  text = text
    .replace(/[0-9#*]\uFE0F?\u20E3/gu, ` ${MARK.bullet} `)
    .replace(/#(?=[\p{L}\p{N}])/gu, MARK.hashtag)
    .replace(/🎯/gu, ` ${MARK.target} `)
    .replace(/[🛑⛔]/gu, ` ${MARK.stop} `)
    .replace(/[✅✔☑]/gu, ` ${MARK.check} `)
    .replace(/[❌✖]/gu, ` ${MARK.cross} `)
    .replace(/[💵💲💰]/gu, ` ${MARK.money} `)
    .replace(/[\u2460-\u2473\u24F5-\u24FE]/gu, ` ${MARK.bullet} `)
    // One ordinal sign ("1º alvo", "2ª entrada", "1° TP"), shielded from NFKC, which would make it a letter.
    .replace(/[ºª°]/gu, MARK.ordinal);
  // NFKC folds the "fancy font" letters and digits people paste from generators (𝐂𝐎𝐌𝐏𝐑𝐀 𝐏𝐄𝐓𝐑𝟒) and
  // full-width forms into plain ones; NFD then splits accents off so they can be dropped.
  text = text.normalize('NFKC').replace(new RegExp(MARK.ordinal, 'gu'), 'º');
  text = text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
  text = text
    .replace(/[\u200B-\u200D\u2060\uFEFF]/gu, '')
    .replace(/[\t\u00A0\u2000-\u200A\u202F\u205F\u3000]/gu, ' ')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/gu, '-')
    // Currency signs only decorate prices; "$PETR4" is a cashtag.
    .replace(/(?:R|US)\s*\$/gu, ' ')
    .replace(/\$/gu, ' ')
    // Markdown emphasis: *bold*, _italic_, ~~strike~~, `code`. A single "~" is kept: "21,00 ~ 21,30".
    .replace(/[*_`]|~~/gu, ' ')
    .replace(/[\p{Extended_Pictographic}\p{So}\p{Sk}]/gu, ' ');
  return numberTargets(text);
}

const ORDINAL_WORDS: Readonly<Record<string, string>> = { PRIMEIRO: '1', SEGUNDO: '2', TERCEIRO: '3', QUARTO: '4', QUINTO: '5', ULTIMO: 'FINAL' };
const TARGET_NOUN = '(ALVO|TARGET|OBJETIVO|TP|META|GAIN)';

/** "1º alvo", "primeiro alvo", "último alvo" → "ALVO 1", "ALVO FINAL": one numbering for every later step. */
function numberTargets(text: string): string {
  return text
    .replace(new RegExp(`(?<![\\d.,])([1-9])[ \\t]*º[ \\t]*${TARGET_NOUN}(?![A-Z])`, 'gu'), (_, digit: string, noun: string) => `${noun} ${digit}`)
    .replace(
      new RegExp(`(?<![A-Z])(${Object.keys(ORDINAL_WORDS).join('|')})[ \\t]+${TARGET_NOUN}(?![A-Z])`, 'gu'),
      (_, word: string, noun: string) => `${noun} ${ORDINAL_WORDS[word] ?? ''}`,
    );
}

/** Replaces [start, end) spans with spaces, so every offset found before masking still points at the same text. */
export function blankOut(text: string, spans: ReadonlyArray<{ readonly start: number; readonly end: number }>): string {
  if (spans.length === 0) return text;
  const chars = text.split('');
  for (const { start, end } of spans) {
    for (let i = start; i < end; i++) if (chars[i] !== '\n') chars[i] = ' ';
  }
  return chars.join('');
}

/** True when nothing but symbols and spaces is left: an emoji-only or empty message. */
export function hasNoWords(normalized: string): boolean {
  return !/[A-Z0-9]/u.test(normalized);
}
