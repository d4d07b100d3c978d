import { normalizeText } from './text';
import { blankPhrases, detectKind, detectSide, findLabels, type Label } from './vocabulary';

const labels = (text: string): Array<Pick<Label, 'kind' | 'rank' | 'side' | 'index'> & { text: string }> => {
  const normalized = normalizeText(text);
  return findLabels(normalized).map((label) => ({
    text: normalized.slice(label.start, label.end),
    kind: label.kind,
    rank: label.rank,
    side: label.side,
    index: label.index,
  }));
};

describe('findLabels', () => {
  it('finds every field word with its meaning', () => {
    expect(labels('Ativo: PETR4 Entrada 38 Alvo 1: 39 TP2 40 Alvo final 42 Stop loss 37 Risco 2').map((l) => [l.text, l.kind, l.index])).toEqual([
      ['ATIVO', 'ASSET', null],
      ['ENTRADA', 'ENTRY', null],
      ['ALVO 1', 'TARGET', 1],
      ['TP2', 'TARGET', 2],
      ['ALVO FINAL', 'TARGET', 'FINAL'],
      ['STOP LOSS', 'STOP', null],
      ['RISCO', 'METRIC', null],
    ]);
  });

  it('ranks entry words and records the side a side word states', () => {
    expect(labels('Preço de entrada 38 | Venda 39 | @ 40 | Preço 41').map((l) => [l.text, l.rank, l.side])).toEqual([
      ['PRECO DE ENTRADA', 1, null],
      ['VENDA', 2, 'SELL'],
      ['@', 2, null],
      ['PRECO', 3, null],
    ]);
  });

  it('prefers the longer label where two overlap', () => {
    expect(labels('Stop gain 40 / preço alvo 41').map((l) => [l.text, l.kind])).toEqual([
      ['STOP GAIN', 'TARGET'],
      ['PRECO ALVO', 'TARGET'],
    ]);
  });

  it('reads a target number only when it is not the price itself', () => {
    expect(labels('Alvo 39,50').map((l) => l.index)).toEqual([null]);
    expect(labels('Alvo 1 39,50').map((l) => l.index)).toEqual([1]);
    expect(labels('Alvo 01: 39').map((l) => l.index)).toEqual([1]);
  });

  it('ignores side words used as prose, words inside tickers and hashtags, and "ativo objeto"', () => {
    expect(labels('a compra de PETR4 foi boa')).toEqual([]);
    expect(labels('SLCE3 #stop ativo objeto')).toEqual([]);
  });

  it('treats 🎯, 🛑 and 💵 as labels', () => {
    expect(labels('🎯 40 🛑 37 💵 38').map((l) => [l.kind, l.rank])).toEqual([
      ['TARGET', 0],
      ['STOP', 0],
      ['ENTRY', 3],
    ]);
  });

  it('reads one-letter fields only at a line start or after a separator', () => {
    expect(labels('E: 38,50 | A: 40 | S: 37').map((l) => [l.text, l.kind])).toEqual([
      ['E', 'ENTRY'],
      ['A', 'TARGET'],
      ['S', 'STOP'],
    ]);
    expect(labels('PETR4 E 38,50 A 40')).toEqual([]);
  });
});

describe('detectSide', () => {
  it.each([
    ['VENDA PETR4', 'SELL'],
    ['Vender PETR4', 'SELL'],
    ['Posição: vendido', 'SELL'],
    ['sell PETR4', 'SELL'],
    ['SHORT WINZ26', 'SELL'],
    ['Venda a descoberto de CSNA3', 'SELL'],
    ['COMPRA PETR4', 'BUY'],
    ['Comprar PETR4', 'BUY'],
    ['buy PETR4', 'BUY'],
    ['LONG PETR4', 'BUY'],
    ['Entrada: 38,50', 'BUY'],
    ['PETR4 38,50', 'BUY'],
    ['VENDA PETR4 (stop de compra acima de 39)', 'SELL'],
  ])('%s → %s', (text, side) => {
    expect(detectSide(normalizeText(text))).toBe(side);
  });
});

describe('detectKind', () => {
  it.each([
    ['Swing trade PETR4', 'SWING'],
    ['#swingtrade', 'SWING'],
    ['SWING', 'SWING'],
    ['Day trade: WINZ26', 'DAY'],
    ['daytrade', 'DAY'],
    ['Operação intraday', 'DAY'],
    ['Position trade', 'POSITION'],
    ['Operação de posição', 'POSITION'],
    ['Tipo: Posição', 'POSITION'],
    ['📊 POSIÇÃO\nPETR4', 'POSITION'],
    ['Posição: vendida', null],
    ['Tamanho da posição: 5%', null],
    ['COMPRA PETR4 38,50', null],
  ])('%s → %s', (text, kind) => {
    expect(detectKind(normalizeText(text))).toBe(kind);
  });

  it('takes the kind stated first', () => {
    expect(detectKind(normalizeText('Day trade (pode virar swing)'))).toBe('DAY');
  });
});

describe('blankPhrases', () => {
  it('blanks the disclaimer and "opção de compra" without moving offsets', () => {
    const text = normalizeText('Não é recomendação de compra ou venda. Opção de compra');
    const blanked = blankPhrases(text);
    expect(blanked.text).toHaveLength(text.length);
    expect(blanked.text).not.toMatch(/COMPRA|VENDA/u);
    expect(blanked.stopMove).toBe(false);
  });

  it('blanks "stop na entrada" and reports a stop move', () => {
    const blanked = blankPhrases(normalizeText('Alvo 1 atingido, stop na entrada'));
    expect(blanked.text).not.toMatch(/ENTRADA/u);
    expect(blanked.stopMove).toBe(true);
  });

  it('reports other stop adjustments', () => {
    expect(blankPhrases(normalizeText('Subir o stop para 38,50')).stopMove).toBe(true);
    expect(blankPhrases(normalizeText('Stop: 37,50')).stopMove).toBe(false);
  });
});
