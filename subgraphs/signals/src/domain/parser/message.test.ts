import { namedTickers, pickAsset, prepareMessage } from './message';

describe('prepareMessage', () => {
  it('gives each label the tokens up to the next label', () => {
    const message = prepareMessage('Entrada: 38,50 Alvo: 40 Stop: 37');
    expect(message.fields.map((field) => [field.label.kind, field.tokens.filter((t) => t.type === 'number').map((t) => (t.type === 'number' ? t.raw : ''))])).toEqual([
      ['ENTRY', ['38,50']],
      ['TARGET', ['40']],
      ['STOP', ['37']],
    ]);
  });

  it('masks footers but keeps the offsets of the normalized text', () => {
    const message = prepareMessage('Stop 37 até 28/10 às 10h');
    expect(message.masked).toHaveLength(message.wording.length);
    expect(message.masked).not.toMatch(/28|10H/u);
  });
});

describe('pickAsset', () => {
  it.each([
    ['Ativo: VALE3 (setor de PETR4)', 'VALE3'],
    ['Veja PETR4. Compra VALE3 a 61', 'VALE3'],
    ['PETR4 - COMPRA - 38,50', 'PETR4'],
    ['compra em #PETR4 38,50', 'PETR4'],
    ['Compra de CALL PETRH345 (ativo objeto PETR4)', 'PETRH345'],
    ['BOVA11 – opção BOVAX125 compra 1,35', 'BOVAX125'],
  ])('%s → %s', (text, asset) => {
    expect(pickAsset(prepareMessage(text))?.symbol).toBe(asset);
  });

  it('has none without a ticker', () => {
    expect(pickAsset(prepareMessage('Bom dia! ALVO1, TP1 e COVID19'))).toBeNull();
  });
});

describe('namedTickers', () => {
  it('lists distinct tickers outside hashtags', () => {
    expect(namedTickers(prepareMessage('PETR4, VALE3 e PETR4 de novo #ITUB4'))).toEqual(['PETR4', 'VALE3']);
  });
});
