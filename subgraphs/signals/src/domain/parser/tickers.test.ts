import { classifyTicker, magnitudeOf } from './tickers';

describe('classifyTicker', () => {
  it.each([
    ['PETR4', 'SHARE'],
    ['VALE3', 'SHARE'],
    ['B3SA3', 'SHARE'],
    ['PETR4F', 'SHARE'],
    ['TAEE11', 'UNIT'],
    ['BOVA11', 'UNIT'],
    ['AAPL34', 'BDR'],
    ['M1TA34', 'BDR'],
    ['BOVAW32', 'OPTION'],
    ['PETRH345', 'OPTION'],
    ['WINZ26', 'FUTURE'],
    ['WDOF27', 'FUTURE'],
    ['DOLH26', 'FUTURE'],
    ['INDM26', 'FUTURE'],
    ['DI1F27', 'FUTURE'],
    ['WINFUT', 'FUTURE'],
  ])('%s is a %s', (word, tickerClass) => {
    expect(classifyTicker(word)).toMatchObject({ symbol: word, tickerClass });
  });

  it.each(['ALVO1', 'ALVO3', 'ALVO11', 'TP1', 'COVID19', 'BLACK50', 'LUCRO10', 'STOP4', 'PETR', 'PETR9', 'WINA26', 'AB12C3', 'IBOV', '2024'])(
    '%s is not a ticker',
    (word) => {
      expect(classifyTicker(word)).toBeNull();
    },
  );
});

describe('magnitudeOf', () => {
  it('reads points-quoted futures as thousands and DI as decimals', () => {
    expect(magnitudeOf(classifyTicker('WINZ26'))).toBe('GROUPED');
    expect(magnitudeOf(classifyTicker('WDOF27'))).toBe('GROUPED');
    expect(magnitudeOf(classifyTicker('DI1F27'))).toBe('DECIMAL');
  });

  it('leaves shares, options and other futures to the message', () => {
    expect(magnitudeOf(classifyTicker('PETR4'))).toBeNull();
    expect(magnitudeOf(classifyTicker('PETRH345'))).toBeNull();
    expect(magnitudeOf(classifyTicker('CCMF27'))).toBeNull();
    expect(magnitudeOf(null)).toBeNull();
  });
});
