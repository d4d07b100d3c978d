import { leadingTicker, readEntry, readStop, readTargets } from './fields';
import { normalizeText } from './text';
import { tokenize } from './tokens';

const tokens = (text: string) => tokenize(normalizeText(text));
const raw = (token: { raw: string } | null | undefined): string | null => token?.raw ?? null;

describe('readEntry', () => {
  it.each([
    [': 38,50', '38,50', null, false],
    [' entre 38,00 e 38,50', '38,00', '38,50', true],
    [' 38,00 a 38,50', '38,00', '38,50', true],
    [' 38,00 - 38,50', '38,00', '38,50', true],
    [' 38,00/38,50', '38,00', '38,50', true],
    [' de 38 até 38,50', '38', '38,50', true],
    [' até 38,50', '38,50', null, false],
    [' 38,50 e 38,00', '38,50', '38,00', false],
    [' 38,50 ou 38,20', '38,50', '38,20', false],
    [' PETR4 acima de 38,50', '38,50', null, false],
    [':\n38,50', '38,50', null, false],
  ])('reads "%s"', (text, low, high, ordered) => {
    const read = readEntry(tokens(text));
    expect([raw(read?.low), raw(read?.high), read?.ordered]).toEqual([low, high, ordered]);
  });

  it('gives up on prose or a new line of words', () => {
    expect(readEntry(tokens(' a mercado'))).toBeNull();
    expect(readEntry(tokens(' PETR4 hoje cedo\nsubiu 3'))).toBeNull();
    expect(readEntry(tokens(' primeiro segundo terceiro quarto quinto 38'), 4)).toBeNull();
    expect(readEntry(tokens(' abaixo da mínima do dia de ontem 38'), 4)?.low.raw).toBe('38');
  });
});

describe('readTargets', () => {
  it.each([
    [': 39,00', ['39,00']],
    ['s: 39 / 40 / 41', ['39', '40', '41']],
    ['s 39; 40 e 41', ['39', '40', '41']],
    ['s:\n39\n40\n41', ['39', '40', '41']],
    ['s: 1) 39 2) 40', ['39', '40']],
    ['s: 39,50 (parcial) e 41,00 (final)', ['39,50', '41,00']],
    [' em 42', ['42']],
    [': 40\nBoa sorte 2024', ['40']],
    [': 40 PETR4 39', ['40']],
  ])('reads "alvo%s"', (text, values) => {
    expect(readTargets(tokens(text).slice(1)).map((token) => token.raw)).toEqual(values);
  });

  it('needs the price at once after an emoji label', () => {
    expect(readTargets(tokens(' final 42'), 0)).toEqual([]);
  });
});

describe('readStop', () => {
  it.each([
    [': 37,50', ['37,50']],
    [' em 37,50', ['37,50']],
    [' no fechamento abaixo de 37,50', ['37,50']],
    [': técnico\n37', []],
    [': 37,50 / 37,00\nAlvo 40', ['37,50', '37,00']],
    [' 200 pts abaixo (127.100)', ['200', '127.100']],
  ])('reads "stop%s" with its fallbacks', (text, values) => {
    expect(readStop(tokens(text)).map((token) => token.raw)).toEqual(values);
  });
});

describe('leadingTicker', () => {
  it('finds the ticker before the first number', () => {
    expect(leadingTicker(tokens(' PETR4 38,50'))?.symbol).toBe('PETR4');
    expect(leadingTicker(tokens(' 38,50 PETR4'))).toBeNull();
    expect(leadingTicker(tokens(' #PETR4 38,50'))).toBeNull();
  });
});
