import type { ParsedSignal } from './signal';
import { parseSignalText } from './signal-parser';

const parsed = (text: string): ParsedSignal => {
  const result = parseSignalText(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.reason}`);
  return result.signal;
};
const reason = (text: string): string => {
  const result = parseSignalText(text);
  if (result.ok) throw new Error(`expected "${text}" not to parse, got ${JSON.stringify(result.signal)}`);
  return result.reason;
};

describe('parseSignalText', () => {
  it('reads a Portuguese buy with decimal commas', () => {
    expect(parsed('COMPRA PETR4 entrada 38,50 stop 37,90 alvo 39,80')).toEqual({
      asset: 'PETR4', direction: 'BUY', entry: '38.5', stop: '37.9', target: '39.8',
    });
  });

  it('reads a mini-index sell with thousands dots and an @ entry', () => {
    expect(parsed('VENDA WINZ26 @ 125.000 stop 125.300 alvo 124.500')).toEqual({
      asset: 'WINZ26', direction: 'SELL', entry: '125000', stop: '125300', target: '124500',
    });
  });

  it('reads English variants with decimal points', () => {
    expect(parsed('BUY VALE3 entry 61.20 SL 60.50 TP 63.00')).toEqual({
      asset: 'VALE3', direction: 'BUY', entry: '61.2', stop: '60.5', target: '63',
    });
    expect(parsed('SELL WDOZ26 @5432.5 stop loss 5450 target 5400')).toEqual({
      asset: 'WDOZ26', direction: 'SELL', entry: '5432.5', stop: '5450', target: '5400',
    });
    expect(parsed('Short BOVA11 price 120.10 stop 121.00')).toMatchObject({ direction: 'SELL', entry: '120.1', stop: '121', target: null });
  });

  it('reads a multi-line Telegram post with emoji, R$, accents and numbered targets', () => {
    const post = '🚨 SINAL 🚨\n🟢 Compra: petr4\nPreço: R$ 38,50\nStop: R$ 37,90\nAlvo 1: R$ 39,80\nAlvo 2: R$ 40,50';
    expect(parsed(post)).toEqual({ asset: 'PETR4', direction: 'BUY', entry: '38.5', stop: '37.9', target: '39.8' });
    expect(parsed('VENDER SANB11 entrada=30,10 SL=30,60 TP1 29,50 TP2 29,00')).toMatchObject({ entry: '30.1', stop: '30.6', target: '29.5' });
  });

  it('accepts the ticker before the direction word', () => {
    expect(parsed('PETR4 - COMPRA - entrada 38,50')).toMatchObject({ asset: 'PETR4', direction: 'BUY', entry: '38.5' });
  });

  it('leaves absent levels null', () => {
    expect(parsed('compra ITUB4')).toEqual({ asset: 'ITUB4', direction: 'BUY', entry: null, stop: null, target: null });
  });

  it('reads large and four-decimal prices exactly', () => {
    expect(parsed('COMPRA WINZ26 @ 1.125.005,5 stop 1.124.000')).toMatchObject({ entry: '1125005.5', stop: '1124000' });
    expect(parsed('COMPRA PETRA380 entrada 0,0125 alvo 0,0250')).toMatchObject({ asset: 'PETRA380', entry: '0.0125', target: '0.025' });
  });

  it('refuses chat that is not a signal', () => {
    expect(reason('Bom dia pessoal! Hoje o mercado abre às 10h')).toMatch(/buy\/sell word/);
    expect(reason('o que acham de PETR4? vale a compra de ações hoje?')).toMatch(/buy\/sell word/);
    expect(reason('COMPRA agora!')).toMatch(/buy\/sell word/);
  });

  it('refuses a text that says both buy and sell', () => {
    expect(reason('COMPRA PETR4 entrada 38,50, VENDA no alvo 39,80')).toMatch(/both buy and sell/);
  });

  it('refuses malformed or over-precise numbers instead of guessing', () => {
    expect(reason('COMPRA PETR4 entrada 38,5,0')).toMatch(/^entry: /);
    expect(reason('COMPRA PETR4 entrada 38,12345')).toMatch(/more than 4 decimal places/);
    expect(reason('COMPRA PETR4 stop 0,00')).toMatch(/^stop: .*positive/);
  });

  it('refuses levels in the wrong order for the direction', () => {
    expect(reason('COMPRA PETR4 entrada 38,50 stop 39,00 alvo 40,00')).toBe('stop 39 must be below entry 38.5 for a BUY');
    expect(reason('VENDA WINZ26 @ 125.000 stop 124.000')).toBe('entry 125000 must be below stop 124000 for a SELL');
    expect(reason('COMPRA PETR4 stop 40 alvo 39')).toBe('stop 40 must be below target 39 for a BUY');
    // An English thousands comma read the Brazilian way gives 125 as the entry: out of order, so refused.
    expect(reason('SELL WINZ26 @ 125,000 stop 125300 target 124500')).toMatch(/for a SELL/);
  });
});
