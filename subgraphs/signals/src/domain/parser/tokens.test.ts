import { normalizeText } from './text';
import { tokenize, type Token } from './tokens';

const describeTokens = (text: string): string[] =>
  tokenize(normalizeText(text)).map((token: Token) => {
    switch (token.type) {
      case 'number':
        return `#${token.raw}${token.negative ? '-' : ''}${token.plus ? '+' : ''}${token.thousand ? 'k' : ''}${token.points ? 'p' : ''}${token.enumerator ? ')' : ''}`;
      case 'ticker':
        return `$${token.ticker.symbol}${token.hashtag ? '#' : ''}`;
      case 'word':
        return token.text;
      case 'newline':
        return '⏎';
      case 'symbol':
        return token.text;
    }
  });

describe('tokenize', () => {
  it('cuts numbers, tickers, words, symbols and line breaks', () => {
    expect(describeTokens('Compra PETR4: 38,50\nalvo')).toEqual(['COMPRA', '$PETR4', ':', '#38,50', '⏎', 'ALVO']);
  });

  it('keeps digits inside words out of the numbers', () => {
    expect(describeTokens('TP1 ALVO1 10H 2X')).toEqual(['TP1', 'ALVO1', '10H', '2X']);
  });

  it('flags negative, signed, thousand, points and enumerator numbers', () => {
    expect(describeTokens('Stop: -37 +1,20 125k 125 mil 300 pts 1) 39')).toEqual([
      'STOP', ':', '-', '#37-', '+', '#1,20+', '#125k', '#125k', '#300p', '#1)', ')', '#39',
    ]);
  });

  it('marks hashtag tickers and drops hashtag numbers', () => {
    expect(describeTokens('#PETR4 #2024 #swing')).toEqual(['\uE005', '$PETR4#', '\uE005', '\uE005', 'SWING']);
  });
});
