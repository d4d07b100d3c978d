import type { SignalKind, SignalParse, SignalSide, UpdateKind } from '../signal-parse';
import { parseSignal } from './parse-signal';

type Expected = SignalParse | { readonly ignored: RegExp };
type Case = readonly [name: string, text: string, expected: Expected];

const signal = (
  asset: string,
  side: SignalSide,
  entry: string | readonly [string, string],
  targets: readonly string[],
  stop: string | null,
  kind: SignalKind | null = null,
): SignalParse => {
  const [entryMin, entryMax] = typeof entry === 'string' ? [entry, entry] : entry;
  return { status: 'SIGNAL', signal: { asset, side, kind, entryMin, entryMax, targets, stop } };
};
const update = (kind: UpdateKind, asset: string | null, targetNumber: number | null = null, price: string | null = null): SignalParse => ({
  status: 'UPDATE',
  update: { asset, kind, targetNumber, price },
});
const ignored = (reason: RegExp): Expected => ({ ignored: reason });

function check(text: string, expected: Expected): void {
  const result = parseSignal(text);
  if ('ignored' in expected) {
    expect(result).toMatchObject({ status: 'IGNORED' });
    if (result.status === 'IGNORED') expect(result.reason).toMatch(expected.ignored);
  } else {
    expect(result).toEqual(expected);
  }
}

const run = (cases: readonly Case[]): void => {
  it.each(cases)('%s', (_name, text, expected) => check(text, expected));
};

describe('parseSignal: asset tickers', () => {
  run([
    ['share', 'COMPRA PETR4 entrada 38,50 alvo 40 stop 37', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['unit', 'Compra TAEE11 a 34,20 | alvo 36 | stop 33', signal('TAEE11', 'BUY', '34.2', ['36'], '33')],
    ['ETF', 'BOVA11 compra 118,40 alvo 122 stop 116', signal('BOVA11', 'BUY', '118.4', ['122'], '116')],
    ['BDR', '🇺🇸 BDR AAPL34\nCompra: 58,90\nGain: 62,00\nLoss: 56,50', signal('AAPL34', 'BUY', '58.9', ['62'], '56.5')],
    ['BDR with a digit in the root', 'Compra M1TA34 entrada 41,10 alvo 44 stop 39,90', signal('M1TA34', 'BUY', '41.1', ['44'], '39.9')],
    ['share with a digit in the root', 'Código: B3SA3 | Compra: 12,50 | Alvo: 13,40 | Stop: 12,00', signal('B3SA3', 'BUY', '12.5', ['13.4'], '12')],
    ['call option', 'COMPRA BOVAW32\nEntrada: 1,20\nAlvo 1: 1,80\nAlvo 2: 2,50', signal('BOVAW32', 'BUY', '1.2', ['1.8', '2.5'], null)],
    ['put option with three digits', 'Opção: PETRH345\nCompra até 0,45\nAlvo: 0,80\nStop: 0,25', signal('PETRH345', 'BUY', '0.45', ['0.8'], '0.25')],
    [
      'option with its underlying named too',
      'Compra de CALL PETRH345 (ativo objeto PETR4 a 34,80) prêmio 0,45 alvo 0,90 stop 0,25',
      signal('PETRH345', 'BUY', '0.45', ['0.9'], '0.25'),
    ],
    ['mini index future', 'VENDA WINZ26 @ 125.000 stop 125.300 alvo 124.500', signal('WINZ26', 'SELL', '125000', ['124500'], '125300')],
    ['mini dollar future', 'WDOF27 COMPRA 5.450 ALVO 5.470 STOP 5.440', signal('WDOF27', 'BUY', '5450', ['5470'], '5440')],
    ['full dollar future', 'Sell DOLH26 5.520 stop 5.540 target 5.480', signal('DOLH26', 'SELL', '5520', ['5480'], '5540')],
    ['full index future', 'SHORT INDM26 @ 126.350 | TP 125.800 | SL 126.700', signal('INDM26', 'SELL', '126350', ['125800'], '126700')],
    ['fractional share', 'PETR4F\nCompra fracionária: 38,50\nAlvo: 40\nStop: 37,50', signal('PETR4F', 'BUY', '38.5', ['40'], '37.5')],
    ['lower-case ticker', 'compra petr4 38,50 alvo 40,00 stop 37,50', signal('PETR4', 'BUY', '38.5', ['40'], '37.5')],
    ['"Ativo:" names the asset over others mentioned', 'Ativo: VALE3 (correlação com PETR4)\nEntrada: 61,20\nAlvo: 63\nStop: 60', signal('VALE3', 'BUY', '61.2', ['63'], '60')],
    ['hashtag ticker when no other', '#PETR4 compra 38,50 alvo 40 stop 37 #swingtrade', signal('PETR4', 'BUY', '38.5', ['40'], '37', 'SWING')],
    ['look-alikes are not tickers', 'ALVO1 TP1 COVID19 — compra 38,50 alvo 40', ignored(/ticker/u)],
    ['vocabulary shaped like a ticker', 'ALVO3 e STOP4 compra 38,50', ignored(/ticker/u)],
    ['bare "WIN" is no contract', 'COMPRA WIN 125.000 alvo 125.500 stop 124.700', ignored(/ticker/u)],
    ['an option beats its underlying', 'BOVA11 – opção BOVAX125\nCompra: 1,35\nAlvo: 2,10\nStop: 0,90', signal('BOVAX125', 'BUY', '1.35', ['2.1'], '0.9')],
  ]);
});

describe('parseSignal: side', () => {
  run([
    ['BUY by default', 'PETR4\nEntrada: 38,50\nAlvo: 40\nStop: 37', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['VENDA', 'VENDA PETR4 entrada 38,50 alvo 36 stop 39,20', signal('PETR4', 'SELL', '38.5', ['36'], '39.2')],
    ['VENDER', 'VENDER MRFG3 A 12,40, STOP 12,90, ALVO 11,50', signal('MRFG3', 'SELL', '12.4', ['11.5'], '12.9')],
    ['VENDIDO', 'PETR4 vendido em 38,50 alvo 36 stop 39', signal('PETR4', 'SELL', '38.5', ['36'], '39')],
    ['SELL', 'SELL VALE3 @ 61.20 TP 59.80 SL 62.10', signal('VALE3', 'SELL', '61.2', ['59.8'], '62.1')],
    ['SHORT', 'Short BBAS3 at 27.90, target 26.50, stop 28.60', signal('BBAS3', 'SELL', '27.9', ['26.5'], '28.6')],
    ['venda a descoberto', 'Venda a descoberto em CSNA3\nEntrada: 14,80\nStop: 15,40\nAlvo: 13,50', signal('CSNA3', 'SELL', '14.8', ['13.5'], '15.4')],
    ['"Posição: vendido" field', 'OPERAÇÃO DAY TRADE\nAtivo: WDOF27\nPosição: Vendido\nEntrada: 5.432,5\nAlvo: 5.400\nStop: 5.450', signal('WDOF27', 'SELL', '5432.5', ['5400'], '5450', 'DAY')],
    ['COMPRAR', 'COMPRAR HAPV3 ENTRE 4,10 E 4,25 ALVO 4,80 STOP 3,90', signal('HAPV3', 'BUY', ['4.1', '4.25'], ['4.8'], '3.9')],
    ['BUY', 'BUY VALE3 entry 61.20 SL 60.50 TP1 63.00 TP2 64.5', signal('VALE3', 'BUY', '61.2', ['63', '64.5'], '60.5')],
    ['LONG', '🟢 LONG\nAtivo: PRIO3\nEntrada: 45.20\nStop: 43.80\nTake Profit 1: 47.00\nTake Profit 2: 49.00', signal('PRIO3', 'BUY', '45.2', ['47', '49'], '43.8')],
    [
      'the disclaimer does not set the side',
      'VENDA WEGE3 entrada 36,40 alvo 34 stop 37,20\nNão é recomendação de compra ou venda.',
      signal('WEGE3', 'SELL', '36.4', ['34'], '37.2'),
    ],
    ['"Compra … Venda" names the exit as a target', 'PETR4 | Compra: 38,50 | Venda: 42,00 | Stop: 37,00', signal('PETR4', 'BUY', '38.5', ['42'], '37')],
  ]);
});

describe('parseSignal: kind', () => {
  run([
    ['swing trade', 'Swing Trade\nCompra ITUB4 32,10 alvo 34 stop 31', signal('ITUB4', 'BUY', '32.1', ['34'], '31', 'SWING')],
    ['swing alone', 'Ticker: TAEE11\nEntrada: 34,10/34,30\nAlvo: 36,00\nStop: 33,20\nSwing', signal('TAEE11', 'BUY', ['34.1', '34.3'], ['36'], '33.2', 'SWING')],
    ['day trade', 'Day trade: venda WDOX26 em 5.480,0 | alvo 5.460,0 | stop 5.495,0', signal('WDOX26', 'SELL', '5480', ['5460'], '5495', 'DAY')],
    ['daytrade in one word', 'COMPRA WINZ26 125.000 ALVO 125.500 STOP 124.700 DAYTRADE', signal('WINZ26', 'BUY', '125000', ['125500'], '124700', 'DAY')],
    ['intraday', 'Ativo: KLBN11 - Compra: 20,50 - Alvos: 21,50 / 22,40 - Stop: 19,80 - Intraday', signal('KLBN11', 'BUY', '20.5', ['21.5', '22.4'], '19.8', 'DAY')],
    ['position', 'Operação: Position\nAtivo: BBDC4\nEntrada: 14,50\nAlvo: 18,00\nStop: 13,20', signal('BBDC4', 'BUY', '14.5', ['18'], '13.2', 'POSITION')],
    ['posição', 'Papel: ITSA4\nCompra na faixa de 10,20 a 10,35\nObjetivo: 11,50\nStop loss: 9,80\nOperação de posição', signal('ITSA4', 'BUY', ['10.2', '10.35'], ['11.5'], '9.8', 'POSITION')],
    ['"tamanho da posição" is not a kind', 'Ativo: WEGE3\nEntrada: 35,00\nAlvo: 38,00\nStop: 33,50\nTamanho da posição: 5% da carteira', signal('WEGE3', 'BUY', '35', ['38'], '33.5')],
    ['no kind stated', 'COMPRA VIIA3 0,85 ALVO 1,00 STOP 0,78', signal('VIIA3', 'BUY', '0.85', ['1'], '0.78')],
    ['DAY alone in brackets', '[DAY] VENDA WINZ26 127.850 alvo 127.350 stop 128.050', signal('WINZ26', 'SELL', '127850', ['127350'], '128050', 'DAY')],
  ]);
});

describe('parseSignal: entry price or range', () => {
  run([
    ['"Entrada:"', 'Ativo: PETR4\nEntrada: 38,50', signal('PETR4', 'BUY', '38.5', [], null)],
    ['"Compra" with a decimal point', 'Compra 38.50 PETR4 alvo 40', signal('PETR4', 'BUY', '38.5', ['40'], null)],
    ['entre … e …', 'VALE3 Entrada entre 61,20 e 61,50 alvo 63', signal('VALE3', 'BUY', ['61.2', '61.5'], ['63'], null)],
    ['range with "a"', 'ITUB4 compra 32,00 a 32,40 alvo 34', signal('ITUB4', 'BUY', ['32', '32.4'], ['34'], null)],
    ['range with "-"', '🟢 COMPRA | PETR4\nEntrada: 38,20 - 38,50\nAlvos: 39,50 / 40,80 / 42,00\nStop: 37,40', signal('PETR4', 'BUY', ['38.2', '38.5'], ['39.5', '40.8', '42'], '37.4')],
    ['range with "até"', 'BBDC4 entrada de 14,30 até 14,60 alvo 16', signal('BBDC4', 'BUY', ['14.3', '14.6'], ['16'], null)],
    ['range with "/"', 'Sinal: VENDA\nPapel: PETR4\nEntrada: 38,50 / 38,80\nAlvo: 37,00\nStop: 39,50', signal('PETR4', 'SELL', ['38.5', '38.8'], ['37'], '39.5')],
    ['range with "~"', 'COMPRA RAIL3 21,00 ~ 21,30 alvo 22,50 stop 20,40', signal('RAIL3', 'BUY', ['21', '21.3'], ['22.5'], '20.4')],
    ['"até X" alone is entryMin = entryMax = X', 'COMPRA ITUB4 até 32,50 alvo 34 stop 31', signal('ITUB4', 'BUY', '32.5', ['34'], '31')],
    ['"Entrada: até X"', 'SANB11\nEntrada: até 29,80\nAlvo: 31\nStop: 28,90', signal('SANB11', 'BUY', '29.8', ['31'], '28.9')],
    ['acima de', 'BBAS3 - compra acima de 27,80\nalvos 28,50 e 29,40\nstop 27,10', signal('BBAS3', 'BUY', '27.8', ['28.5', '29.4'], '27.1')],
    ['"@" entry', 'PETR4 @ 38,50\nTP: 40\nSL: 37', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['"Preço de entrada"', 'Ação: ABEV3\nPreço de entrada: R$ 13,45\nPreço alvo: R$ 14,50\nStop: R$ 12,90', signal('ABEV3', 'BUY', '13.45', ['14.5'], '12.9')],
    ['bare "preço" when nothing better', 'Compra de PETR4 na abertura, preço atual 38,50, alvo 40, stop 37', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['"Entrada" beats a side-word header', '🟢 COMPRA 38,00\nAtivo: PETR4\nEntrada: 38,50\nAlvo: 40', signal('PETR4', 'BUY', '38.5', ['40'], null)],
    ['scaled entries become the range', 'PETR4 1ª entrada 38,50 2ª entrada 37,80 alvo 40 stop 37', signal('PETR4', 'BUY', ['37.8', '38.5'], ['40'], '37')],
    ['two entries with "ou" in any order', 'COMPRA PETR4 38,50 OU 38,20 alvo 40 stop 37', signal('PETR4', 'BUY', ['38.2', '38.5'], ['40'], '37')],
    ['price on the line after the ticker', 'COMPRA\nPETR4\n38,50\n🎯 40,00\n🛑 37,00', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['price right after the ticker with labelled levels', 'PETR4 38,50 alvo 40 stop 37', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['one-letter fields', 'PETR4 (Petrobras PN) - Compra\nE: 38,50 | A: 40,00 | S: 37,50', signal('PETR4', 'BUY', '38.5', ['40'], '37.5')],
    ['💲 alone marks the entry', '💎 VIP 💎\n➡️ PETR4\n🟢 Compra\n🎯 39,80 | 41,20\n🛑 37,10\n💲 38,40', signal('PETR4', 'BUY', '38.4', ['39.8', '41.2'], '37.1')],
    ['"entramos"', 'Entramos em PETR4 a 38,50! Alvo 40, stop 37.', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['"Gatilho" is the entry', 'Ativo: PETR4 | Gatilho: 38,50 | Alvo: 40 | Stop: 37', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['inverted range with "a"', 'Entrada 38,50 a 38,00 PETR4 alvo 40 stop 37', ignored(/inverted/u)],
    ['inverted range with "/"', 'Entrada: 38,80 / 38,50 PETR4 alvo 40 stop 37', ignored(/inverted/u)],
    ['inverted range with entre', 'Venda PETR4 entre 38,50 e 38,00 alvo 36 stop 40', ignored(/inverted/u)],
    ['no entry: "a mercado"', 'PETR4 entrada: a mercado alvo 40 stop 37', ignored(/entry/u)],
    ['no entry at all', 'Compra PETR4 alvo 40 stop 37', ignored(/entry/u)],
  ]);
});

describe('parseSignal: targets', () => {
  run([
    [
      'numbered, with "Alvo final" last',
      'ITUB4 entrada 38\nAlvo 1: 39,00 / Alvo 2: 40,00 / Alvo final: 42,00',
      signal('ITUB4', 'BUY', '38', ['39', '40', '42'], null),
    ],
    ['"Alvo final" written first still goes last', '💰 Compra: RADL3\nEntrada: 25,30\nAlvo final: 28,00\nAlvo 1: 26,20\nStop: 24,50', signal('RADL3', 'BUY', '25.3', ['26.2', '28'], '24.5')],
    ['numbered out of order', 'VALE3 compra 61 Alvo 2: 64 Alvo 1: 62,50 stop 59', signal('VALE3', 'BUY', '61', ['62.5', '64'], '59')],
    ['"Alvos:" list with slashes', 'EGIE3 compra 40 Alvos: 41 / 42 / 43', signal('EGIE3', 'BUY', '40', ['41', '42', '43'], null)],
    ['TP1/TP2/TP3', 'Ação: MGLU3\nEntrada: R$ 2,15\nTP1: R$ 2,30\nTP2: R$ 2,45\nTP3: R$ 2,60\nSL: R$ 2,02', signal('MGLU3', 'BUY', '2.15', ['2.3', '2.45', '2.6'], '2.02')],
    ['Target', 'Long PETR4 at 38.50, target 40.00, stop loss 37.50', signal('PETR4', 'BUY', '38.5', ['40'], '37.5')],
    ['Objetivo', 'GGBR4 Compra 19,80 | Objetivo 21,50 | Stop loss 19,10 | Gerenciamento: 2 lotes de 100', signal('GGBR4', 'BUY', '19.8', ['21.5'], '19.1')],
    ['Gain', 'CMIG4 compra 11,20 gain 12,00 loss 10,80', signal('CMIG4', 'BUY', '11.2', ['12'], '10.8')],
    ['one per line under "Alvos:"', 'Ativo: PETR4\nEntrada: 38,50\nAlvos:\n39,50\n40,50\n42,00\nStop: 37,20', signal('PETR4', 'BUY', '38.5', ['39.5', '40.5', '42'], '37.2')],
    ['keycap bullets', 'Entrada: 38,50\nAtivo: PETR4\nAlvos:\n1️⃣ 39,50\n2️⃣ 40,50\n3️⃣ 42,00\nStop: 37,20', signal('PETR4', 'BUY', '38.5', ['39.5', '40.5', '42'], '37.2')],
    ['ordinal targets', 'Compra PETR4 1º alvo 39,50 2º alvo 41 stop 37,80 entrada 38,50', signal('PETR4', 'BUY', '38.5', ['39.5', '41'], '37.8')],
    ['remarks in brackets', 'PETR4 compra 38,50 stop 37 Alvos: 39,50 (parcial) e 41,00 (final)', signal('PETR4', 'BUY', '38.5', ['39.5', '41'], '37')],
    ['slash between two targets', 'Swing | EMBR3 | Compra 44,50 | Alvo 48/50 | Stop 42', signal('EMBR3', 'BUY', '44.5', ['48', '50'], '42', 'SWING')],
    ['"Alvo 1 (parcial):"', 'PETR4 compra 38,50 Alvo 1 (parcial): 39,50 / Alvo 2: 41 stop 37', signal('PETR4', 'BUY', '38.5', ['39.5', '41'], '37')],
    ['T1/T2', 'T1: 39,50 T2: 41,00 PETR4 compra 38,50 stop 37', signal('PETR4', 'BUY', '38.5', ['39.5', '41'], '37')],
    ['"Parcial 1 / Parcial 2" as targets', 'PETR4 compra 38,50 Parcial 1: 39,50 Parcial 2: 40,50 stop 37', signal('PETR4', 'BUY', '38.5', ['39.5', '40.5'], '37')],
    ['sell targets descending', 'Venda PETR4 38,50 alvos 37,50 36,80 stop 39,20', signal('PETR4', 'SELL', '38.5', ['37.5', '36.8'], '39.2')],
    ['"Recompra" is a short\'s target', 'PETR4\nVenda: 38,50\nRecompra: 36,00\nStop: 39,40', signal('PETR4', 'SELL', '38.5', ['36'], '39.4')],
    ['no target is fine', 'Compra ENEV3 entrada 13,10 stop 12,60', signal('ENEV3', 'BUY', '13.1', [], '12.6')],
  ]);
});

describe('parseSignal: stop', () => {
  run([
    ['"Stop:"', 'PETR4 compra 38,50\nStop: 37,50', signal('PETR4', 'BUY', '38.5', [], '37.5')],
    ['STOP LOSS with a point', 'STOP LOSS 37.5 PETR4 BUY 38.5', signal('PETR4', 'BUY', '38.5', [], '37.5')],
    ['"stop em"', 'Stop em 37,50 PETR4 compra 38,50', signal('PETR4', 'BUY', '38.5', [], '37.5')],
    ['SL', 'VALE3 entry 61.2 SL 60.4', signal('VALE3', 'BUY', '61.2', [], '60.4')],
    ['stop described in words', 'PETR4 compra 38,50 stop no fechamento abaixo de 37,80', signal('PETR4', 'BUY', '38.5', [], '37.8')],
    [
      '"entrada" in the stop\'s description is not an entry',
      'PETR4 compra 38,50 alvo 40 Stop: abaixo da mínima do candle de entrada (37,50)',
      signal('PETR4', 'BUY', '38.5', ['40'], '37.5'),
    ],
    ['stop relative to the entry', 'Compra PETR4\nEntrada: 38,50\nStop: 2% abaixo da entrada\nAlvo: 40', signal('PETR4', 'BUY', '38.5', ['40'], null)],
    ['🛑 / ⛔ alone', 'PETR4 | 🟢 COMPRA | 💵 38,50 | 🎯 40,00 | ⛔ 37,00', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['stop in percent is not a price', 'PETR4 compra 38,50 alvo 40 stop 3%', signal('PETR4', 'BUY', '38.5', ['40'], null)],
    ['stop and target in points are distances', 'COMPRA WINFUT 125.350 stop 300 pts alvo 600 pts', signal('WINFUT', 'BUY', '125350', [], null)],
    [
      'a stop in points falls back on the price beside it',
      'Compra mini índice WINZ26 na região de 127.300, stop 200 pts abaixo (127.100), alvo 127.700',
      signal('WINZ26', 'BUY', '127300', ['127700'], '127100'),
    ],
  ]);
});

describe('parseSignal: numbers', () => {
  run([
    ['Brazilian thousands and decimals', 'Compra SMAL11 entrada 1.250,50 alvo 1.300 stop 1.200', signal('SMAL11', 'BUY', '1250.5', ['1300'], '1200')],
    ['international thousands and decimals', 'Compra AAPL34 1,250.50 alvo 1,300.00 stop 1,200.00', signal('AAPL34', 'BUY', '1250.5', ['1300'], '1200')],
    ['one decimal digit', 'PETR4 compra 38,5 alvo 40 stop 37,9', signal('PETR4', 'BUY', '38.5', ['40'], '37.9')],
    ['leading zero', 'OIBR3 compra 0.25 alvo 0.32 stop 0.21', signal('OIBR3', 'BUY', '0.25', ['0.32'], '0.21')],
    ['"125.000" is thousands for the mini index', 'WINZ26 VENDA 125.000 ALVO 124.500 STOP 125.300', signal('WINZ26', 'SELL', '125000', ['124500'], '125300')],
    ['"125,000" international for the mini index', 'COMPRA WINZ26 125,000 alvo 125,500 stop 124,700', signal('WINZ26', 'BUY', '125000', ['125500'], '124700')],
    ['plain integer points', 'WINZ26 compra 125000 alvo 125.500 stop 124.800', signal('WINZ26', 'BUY', '125000', ['125500'], '124800')],
    ['"38.500" is a decimal for a share', 'Compra PETR4 38.500 stop 37.800 alvo 40.000', signal('PETR4', 'BUY', '38.5', ['40'], '37.8')],
    ['"39.500" follows the other prices of a share', 'Compra PETR4 38,50 alvo 39.500 stop 37,90', signal('PETR4', 'BUY', '38.5', ['39.5'], '37.9')],
    ['DI rates keep three decimals', 'DI1F27 venda 13.455 stop 13.520 alvo 13.300', signal('DI1F27', 'SELL', '13.455', ['13.3'], '13.52')],
    ['dollar future with a decimal comma', '🔴 VENDA WDOF27\nPreço: 5.432,5\nStop: 5.450,0\nAlvo 1: 5.410,0\nAlvo 2: 5.390,0', signal('WDOF27', 'SELL', '5432.5', ['5410', '5390'], '5450')],
    ['R$ glued to the price', 'PETR4\nCompra: R$38,50\nAlvo: R$40,00 (+3,9%)\nStop: R$37,50 (-2,6%)', signal('PETR4', 'BUY', '38.5', ['40'], '37.5')],
    ['"125k"', 'WINZ26 compra 125k alvo 125,5k stop 124,8k', signal('WINZ26', 'BUY', '125000', ['125500'], '124800')],
    ['malformed number', 'PETR4 compra 38,50 alvo 39,40,42', ignored(/well-formed/u)],
  ]);
});

describe('parseSignal: vocabulary and formatting', () => {
  run([
    [
      'markdown and emojis',
      '📢 *SINAL VIP* 📢\n\n*Ativo:* _VALE3_\n*Tipo:* Swing Trade\n*Compra:* 61,20 a 61,60\n*Alvo 1:* 63,00\n*Alvo 2:* 64,50\n*Stop:* 59,80',
      signal('VALE3', 'BUY', ['61.2', '61.6'], ['63', '64.5'], '59.8', 'SWING'),
    ],
    ['everything on one line', 'ENTRADA: 38,50 ATIVO: PETR4 STOP: 37,50 ALVO: 40', signal('PETR4', 'BUY', '38.5', ['40'], '37.5')],
    ['fancy-font letters', '𝗖𝗢𝗠𝗣𝗥𝗔 𝗣𝗘𝗧𝗥𝟰\n𝗘𝗻𝘁𝗿𝗮𝗱𝗮: 38,50\nAlvo: 40\nStop: 37', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['pipes', 'PETR4 | Compra: 38,50 | Alvo: 40,00 | Stop: 37,50', signal('PETR4', 'BUY', '38.5', ['40'], '37.5')],
    ['dashes between fields', 'PETR4 - compra - 38,50 - alvo 40 - stop 37', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['bullets and a footer question', '👉 ITUB4\n👉 Compra entre 32,00 e 32,40\n👉 Alvos 33,50 - 34,80\n👉 Stop 31,20\n👉 Dúvidas? Chama @suporte', signal('ITUB4', 'BUY', ['32', '32.4'], ['33.5', '34.8'], '31.2')],
    ['"Papel:" and "Código:"', 'Papel: SUZB3 · Compra 55,00 · Alvo 58,00 · Stop 53,00', signal('SUZB3', 'BUY', '55', ['58'], '53')],
    ['"Ticker:"', 'Ticker: RENT3\nBuy: 58,40\nTarget: 62\nSL: 56,10', signal('RENT3', 'BUY', '58.4', ['62'], '56.1')],
    ['"Ação:" with accents and odd spacing', 'AÇÃO :   lren3\nENTRADA   :  16,80\nALVO :17,90\nSTOP:   16,10', signal('LREN3', 'BUY', '16.8', ['17.9'], '16.1')],
    ['greeting and sign-off around the signal', 'Bom dia! Segue sinal:\nCOMPRA PETR4 38,50\nAlvo 40\nStop 37\nBoa sorte a todos 🍀', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['English "entry" and "take profit"', 'LONG RADL3 entry 25.10 take profit 27.00 stop loss 24.40', signal('RADL3', 'BUY', '25.1', ['27'], '24.4')],
    ['value on the line under its label', 'PETR4\nEntrada:\n38,50\nStop:\n37,20', signal('PETR4', 'BUY', '38.5', [], '37.2')],
  ]);
});

describe('parseSignal: footers are not prices', () => {
  run([
    ['"até dia 28/10"', 'COMPRA PETR4 Entrada: 38,50 até dia 28/10 Alvo 40 Stop 37', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['"válido até" with a year', 'Compra PETR4\nEntrada: 38,50\nAlvo: 40\nStop: 37\nVálido até 30/11/2026', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['a date after the targets', 'PETR4 Entrada 38,50\nAlvos: 39 / 40 / 41\n28/10 - 10:30', signal('PETR4', 'BUY', '38.5', ['39', '40', '41'], null)],
    ['times', 'COMPRA PETR4 Entrada 38,50 às 10h alvo 40 stop 37,50 10:30', signal('PETR4', 'BUY', '38.5', ['40'], '37.5')],
    ['percentages', 'PETR4 compra 38,50 alvo 40 (+5%) stop 37 risco 2% ganho de 3,5%', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['counts', 'PETR4 compra 38,50 - 2 lotes alvo 40 stop 37', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['phone number', 'COMPRA PETR4 38,50 alvo 40 stop 37\nContato: (21) 98888-7777', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    [
      'links, handles and hashtags',
      'COMPRA PETR4 38,50 alvo 40 stop 37 https://t.me/sinais123 @canal_sinais #acoes #2024',
      signal('PETR4', 'BUY', '38.5', ['40'], '37'),
    ],
    ['prazo in days', 'PETR4 compra 38,50 alvo 40 stop 37\n📆 Prazo: 10 a 15 dias', signal('PETR4', 'BUY', '38.5', ['40'], '37')],
    ['risk/reward ratio', 'ENTRADA: 38,50 | STOP: 37,50 | ALVO 1: 39,50 | ALVO 2: 40,50 | RR 1:3 | PETR4', signal('PETR4', 'BUY', '38.5', ['39.5', '40.5'], '37.5')],
  ]);
});

describe('parseSignal: updates', () => {
  run([
    ['ALVO 1 ATINGIDO', 'ALVO 1 ATINGIDO ✅ PETR4', update('TARGET_HIT', 'PETR4', 1)],
    ['bateu o alvo 2', 'PETR4 bateu o alvo 2', update('TARGET_HIT', 'PETR4', 2)],
    ['alvo final', '🎯 Alvo final atingido!', update('TARGET_HIT', null)],
    ['final with a number', '✅ Alvo 3 (final) atingido em ITUB4!', update('TARGET_HIT', 'ITUB4', 3)],
    ['primeiro alvo with points', 'WINZ26 bateu o primeiro alvo! +500 pts 🚀', update('TARGET_HIT', 'WINZ26', 1)],
    ['with the price reached', 'Alvo 2 atingido em VALE3 (64,50) 🎯 +5,4%', update('TARGET_HIT', 'VALE3', 2, '64.5')],
    ['recap quoting the original entry', '✅ PETR4 - ALVO 1 ATINGIDO\nEntrada: 38,50\nSaída: 39,50\nLucro: +2,6%', update('TARGET_HIT', 'PETR4', 1, '39.5')],
    ['TP hit in English', 'TP2 hit on VALE3 at 64.50', update('TARGET_HIT', 'VALE3', 2, '64.5')],
    ['two targets at once', 'Alvos 1 e 2 atingidos em BBAS3 ✅✅', update('TARGET_HIT', 'BBAS3', 2)],
    [
      'the next target\'s price is not the price reached',
      'Atualização PETR4: alvo 1 atingido, mantendo posição para alvo 2 (40,50). Stop na entrada.',
      update('TARGET_HIT', 'PETR4', 1),
    ],
    ['Stopado', 'Stopado', update('STOPPED', null)],
    ['stop atingido', 'stop atingido', update('STOPPED', null)],
    ['saímos no stop', 'saímos no stop', update('STOPPED', null)],
    ['stopped with price', 'ITUB4 stopado em 31,40 ❌', update('STOPPED', 'ITUB4', null, '31.4')],
    ['fomos stopados', 'Fomos stopados em WEGE3 a 33,50', update('STOPPED', 'WEGE3', null, '33.5')],
    ['stop of a named ticker hit', '⚠️ ATENÇÃO: stop em WEGE3 atingido (34,80). Faz parte do jogo.', update('STOPPED', 'WEGE3', null, '34.8')],
    ['loss emoji', 'Loss ❌ WINZ26 -200 pts', update('STOPPED', 'WINZ26')],
    ['❌ STOP', '❌ STOP VALE3', update('STOPPED', 'VALE3')],
    ['✅ GAIN', '✅ GAIN PETR4 +3%', update('TARGET_HIT', 'PETR4')],
    ['stop gain acionado', 'Stop gain acionado em PETR4', update('TARGET_HIT', 'PETR4')],
    ['realizando lucro', 'Realizando lucro em PETR4 a 40,20 (R$ 350 de lucro)', update('CLOSED', 'PETR4', null, '40.2')],
    ['realizar parcial', 'realizar parcial', update('PARTIAL_EXIT', null)],
    ['parcial de 50%', 'parcial de 50%', update('PARTIAL_EXIT', null)],
    ['partial with asset and price', 'Realizar parcial de 50% em VALE3 no alvo 1 (62,50) e subir stop para entrada', update('PARTIAL_EXIT', 'VALE3', null, '62.5')],
    ['parcial realizada', 'PETR4: parcial realizada em 39,60', update('PARTIAL_EXIT', 'PETR4', null, '39.6')],
    ['encerrada', 'encerrada', update('CLOSED', null)],
    ['closed with price', 'PETR4: operação encerrada em 40,20 com lucro de 4,4%', update('CLOSED', 'PETR4', null, '40.2')],
    ['zeramos', 'Zeramos WINZ26 em 125.450', update('CLOSED', 'WINZ26', null, '125450')],
    ['zerar posição', 'Zerar posição em MGLU3', update('CLOSED', 'MGLU3')],
    ['cancelada', 'cancelada', update('CANCELED', null)],
    ['cancelar entrada', 'cancelar entrada', update('CANCELED', null)],
    ['cancelar entrada naming the price', 'Cancelar entrada em VALE3 (61,20)', update('CANCELED', 'VALE3')],
    ['desconsiderem', 'Desconsiderem o sinal de ABEV3', update('CANCELED', 'ABEV3')],
    ['a stop move alone is not an update', 'Stop movido para 38,00 em PETR4', ignored(/stop/u)],
    [
      'instructions inside a new signal do not make it an update',
      'COMPRA PETR4\nEntrada: 38,50\nAlvo 1: 39,50 (realizar parcial)\nAlvo 2: 41,00\nStop: 37,00\nApós alvo 1 atingido, stop na entrada',
      signal('PETR4', 'BUY', '38.5', ['39.5', '41'], '37'),
    ],
    [
      'a conditional cancel inside a new signal',
      'COMPRA PETR4 38,50 alvo 40 stop 37. Cancelar se abrir com gap acima de 39.',
      signal('PETR4', 'BUY', '38.5', ['40'], '37'),
    ],
  ]);
});

describe('parseSignal: commentary and garbage', () => {
  run([
    ['empty', '', ignored(/empty/u)],
    ['whitespace', '   \n  ', ignored(/empty/u)],
    ['only emojis', '🚀🚀🚀 💰', ignored(/emoji/u)],
    ['greeting', 'Bom dia pessoal', ignored(/ticker/u)],
    ['market comment', 'Bom dia, traders! ☕ Hoje temos payroll às 9h30, cuidado com a volatilidade.', ignored(/ticker/u)],
    ['index news', 'O Ibovespa fechou em alta de 1,5% a 128.500 pontos', ignored(/ticker/u)],
    ['company news', 'URGENTE: Petrobras (PETR4) anuncia JCP de R$ 0,50 por ação', ignored(/entry/u)],
    ['analysis without a trade', 'Análise: PETR4 testando resistência em 39,00, se romper pode buscar 41,00.', ignored(/entry/u)],
    ['question', 'Vale a pena compra de PETR4 a 38?', ignored(/question/u)],
    ['question with levels', 'Vocês acham que PETR4 chega a 40? Entrada 38,50 stop 37?', ignored(/question/u)],
    ['promotion', '🔥 Últimas vagas para o VIP! Assine por R$ 49,90/mês. Chama no WhatsApp (11) 99999-9999', ignored(/ticker/u)],
    ['coupon codes', '📣 Black Friday: VIP com 50% de desconto! Use o cupom BLACK50', ignored(/ticker/u)],
    ['weekly summary', 'Resultado da semana: PETR4 +5%, VALE3 +3%, ITUB4 -1%', ignored(/summary/u)],
    ['monthly recap, one line each', 'Resumo do mês 📊\n✅ PETR4 +5,2%\n✅ VALE3 +3,1%\n❌ ITUB4 -1,8%\n✅ WEGE3 +6,0%', ignored(/summary/u)],
    ['live announcement', 'Live hoje às 19h30 com análise de PETR4 e VALE3', ignored(/entry/u)],
    ['"pregão encerrado" is no trade closing', 'Pregão encerrado, até amanhã pessoal!', ignored(/ticker/u)],
    ['commentary with a price', 'Gostei da PETR4 a 38,50', ignored(/entry/u)],
  ]);
});

describe('parseSignal: refused signals', () => {
  run([
    ['no ticker', 'Entrada: 38,50\nStop: 37,00\nAlvo: 40,00', ignored(/ticker/u)],
    ['zero entry', 'COMPRA PETR4 entrada 0 alvo 40', ignored(/zero/u)],
    ['zero stop', 'COMPRA PETR4 entrada 38,50 alvo 40 stop 0,00', ignored(/zero/u)],
    ['negative stop', 'COMPRA PETR4 entrada 38,50 stop: -37,00', ignored(/negative/u)],
    ['BUY with the stop above the entry', 'Compra PETR4 entrada 38,50 stop 39 alvo 40', ignored(/stop 39 is not below/u)],
    ['BUY with the stop at the entry', 'Compra PETR4 entrada 38,50 alvo 40 stop 38,50', ignored(/stop/u)],
    ['BUY with the stop inside the entry range', 'Compra PETR4 entre 38,00 e 38,50 alvo 40 stop 38,20', ignored(/stop/u)],
    ['BUY with a target below the entry', 'Compra PETR4 entrada 38,50 alvo 38,00 stop 37', ignored(/target 38 is not above/u)],
    ['SELL with the stop below the entry', 'VENDA PETR4 entrada 38,50 stop 37 alvo 36', ignored(/stop 37 is not above/u)],
    ['SELL with a target above the entry', 'Venda PETR4 entrada 38,50 alvo 39 stop 40', ignored(/target 39 is not below/u)],
    ['too many decimals', 'Compra PETR4 entrada 38,12345 alvo 40', ignored(/decimal places/u)],
  ]);
});
