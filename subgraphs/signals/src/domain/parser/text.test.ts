import { blankOut, hasNoWords, MARK, maskLinks, normalizeText as normalizeRaw } from './text';

// Spacing is not the point of these tests; one space stands for any run.
const normalizeText = (text: string): string => normalizeRaw(text).replace(/ +/gu, ' ');

describe('normalizeText', () => {
  it('upper-cases and strips accents', () => {
    expect(normalizeText('Ação: petr4 — posição')).toBe('ACAO: PETR4 - POSICAO');
  });

  it('removes markdown emphasis and currency signs', () => {
    expect(normalizeText('*Entrada:* _R$ 38,50_ `US$1`')).toBe(' ENTRADA: 38,50 1 ');
  });

  it('keeps meaningful emojis as markers and wipes the rest', () => {
    expect(normalizeText('🎯 39 🛑 37 ✅ ❌ 🚀')).toBe(` ${MARK.target} 39 ${MARK.stop} 37 ${MARK.check} ${MARK.cross} `);
  });

  it('turns keycap digits into list bullets and hashtags into a hashtag marker', () => {
    expect(normalizeText('1️⃣ 39 #PETR4')).toBe(` ${MARK.bullet} 39 ${MARK.hashtag}PETR4`);
  });

  it('numbers ordinal targets the same way as "Alvo 1"', () => {
    expect(normalizeText('1º alvo 39 / segundo alvo 40 / último alvo 42 / 2° TP 41')).toBe('ALVO 1 39 / ALVO 2 40 / ALVO FINAL 42 / TP 2 41');
  });

  it('folds fancy-font and full-width characters', () => {
    expect(normalizeText('𝐂𝐎𝐌𝐏𝐑𝐀 𝐏𝐄𝐓𝐑𝟒 ３８，５０')).toBe('COMPRA PETR4 38,50');
  });

  it('turns circled digits into list bullets', () => {
    expect(normalizeText('① 39 ② 40')).toBe(` ${MARK.bullet} 39 ${MARK.bullet} 40`);
  });

  it('unifies dashes, spaces and line endings', () => {
    expect(normalizeText('38,00\u00A0–\u202F38,50\r\nstop')).toBe('38,00 - 38,50\nSTOP');
  });
});

describe('maskLinks', () => {
  it('removes links, e-mails and @handles but not "@ 38,50"', () => {
    expect(maskLinks('https://t.me/x t.me/sinais_compra a@b.com @alvo_certo @ 38,50 site.com.br/vip').trim().split(/\s+/u)).toEqual(['@', '38,50']);
  });
});

describe('blankOut and hasNoWords', () => {
  it('blanks spans without moving offsets or line breaks', () => {
    expect(blankOut('ab\ncd', [{ start: 1, end: 4 }])).toBe('a \n d');
  });

  it('sees emoji-only text as wordless', () => {
    expect(hasNoWords(normalizeText('🚀🚀 💰 !!!'))).toBe(true);
    expect(hasNoWords(normalizeText('🚀 ok'))).toBe(false);
  });
});
