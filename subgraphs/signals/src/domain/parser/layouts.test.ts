import type { SignalKind, SignalParse, SignalSide } from '../signal-parse';
import { parseSignal } from './parse-signal';

/**
 * Generated layouts: the same signal written many ways (label words, number styles, ranges, target
 * layouts, bullets, markdown, case, one line or many, headers and footers). A seeded generator keeps the
 * run reproducible; every combination must read back exactly.
 */

function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Asset {
  readonly symbol: string;
  readonly base: number;
  readonly step: number;
  readonly decimals: number;
}

const ASSETS: readonly Asset[] = [
  { symbol: 'PETR4', base: 38.5, step: 0.5, decimals: 2 },
  { symbol: 'VALE3', base: 61.2, step: 1, decimals: 2 },
  { symbol: 'TAEE11', base: 34.1, step: 0.6, decimals: 2 },
  { symbol: 'AAPL34', base: 58.9, step: 1.2, decimals: 2 },
  { symbol: 'PETRH345', base: 0.45, step: 0.1, decimals: 2 },
  { symbol: 'MGLU3', base: 2.15, step: 0.1, decimals: 2 },
  { symbol: 'WINZ26', base: 127300, step: 250, decimals: 0 },
  { symbol: 'WDOF27', base: 5432.5, step: 10, decimals: 1 },
  { symbol: 'SMAL11', base: 1250.5, step: 20, decimals: 2 },
];

type Style = 'br' | 'en' | 'plain';

/** Writes a number Brazilian-style ("1.250,50"), English-style ("1,250.50") or plain ("1250.50"). */
function written(value: number, asset: Asset, style: Style): string {
  const [integer = '', fraction] = value.toFixed(asset.decimals).split('.');
  const grouped = (separator: string): string => integer.replace(/\B(?=(\d{3})+(?!\d))/gu, separator);
  if (style === 'plain') return fraction ? `${integer}.${fraction}` : integer;
  if (style === 'br') return fraction ? `${grouped('.')},${fraction}` : grouped('.');
  return fraction ? `${grouped(',')}.${fraction}` : grouped(',');
}

/** The exact decimal a written price stands for (the test's own arithmetic stays within 2 decimals). */
const canonical = (value: number, asset: Asset): string => String(Number(value.toFixed(asset.decimals)));

function layout(random: () => number): readonly [string, SignalParse] {
  const pick = <T,>(options: readonly T[]): T => options[Math.floor(random() * options.length)] as T;
  const asset = pick(ASSETS);
  const side: SignalSide = pick(['BUY', 'SELL'] as const);
  const direction = side === 'BUY' ? 1 : -1;
  const style = pick(['br', 'en', 'plain'] as const);
  const price = (value: number): string => written(value, asset, style);

  const isRange = random() < 0.3;
  const [low, high] = [asset.base, asset.base + asset.step / 2];
  const targets = Array.from({ length: pick([0, 1, 2, 3]) }, (_, k) => (side === 'BUY' ? high : low) + direction * asset.step * (k + 1));
  const hasStop = random() < 0.85;
  const stop = (side === 'BUY' ? low : high) - direction * asset.step;
  const kind: SignalKind | null = pick([null, 'SWING', 'DAY', 'POSITION'] as const);

  const sideWord =
    side === 'BUY'
      ? pick(['COMPRA', 'Compra', 'compra', 'BUY', 'Comprar', 'LONG', '🟢 COMPRA'])
      : pick(['VENDA', 'Venda', 'venda', 'SELL', 'Vender', 'SHORT', '🔴 VENDA', 'Venda a descoberto']);
  const entry = isRange
    ? pick([`entre ${price(low)} e ${price(high)}`, `${price(low)} a ${price(high)}`, `${price(low)} - ${price(high)}`, `${price(low)}/${price(high)}`, `de ${price(low)} até ${price(high)}`])
    : pick([price(low), `R$ ${price(low)}`, `até ${price(low)}`, `acima de ${price(low)}`, `em ${price(low)}`]);
  const entryLabel = pick(['Entrada:', 'Entrada', 'ENTRADA:', '💰 Entrada:', 'Preço de entrada:', 'Entry:', side === 'BUY' ? 'Compra:' : 'Venda:']);

  let targetLines: string[] = [];
  if (targets.length > 0) {
    const shape = pick(['numbered', 'list', 'tp', 'emoji', 'final']);
    const last = targets.length - 1;
    if (shape === 'numbered') targetLines = targets.map((t, k) => `${pick(['Alvo', 'ALVO', '🎯 Alvo', 'Objetivo'])} ${k + 1}: ${price(t)}`);
    if (shape === 'list') targetLines = [`${pick(['Alvos:', 'Alvos', 'ALVOS:', 'Targets:', 'Objetivos:'])} ${targets.map(price).join(pick([' / ', ' - ', ' | ', '; ', ' e ']))}`];
    if (shape === 'tp') targetLines = targets.map((t, k) => `TP${k + 1}: ${price(t)}`);
    if (shape === 'emoji') targetLines = [`🎯 ${targets.map(price).join(' | ')}`];
    if (shape === 'final') {
      targetLines = targets.map((t, k) => (k === last ? `Alvo final: ${price(t)}` : `Alvo ${k + 1}: ${price(t)}`));
      if (last > 0 && random() < 0.5) targetLines = [targetLines[last] as string, ...targetLines.slice(0, last)];
    }
  }

  const together = random() < 0.4;
  const lines = [
    pick(['', 'Bom dia! Segue sinal:', '🚨 ALERTA 🚨', `SINAL DE ${side === 'BUY' ? 'COMPRA' : 'VENDA'}`, '📊 Nova operação']),
    together ? `${sideWord} ${asset.symbol}` : sideWord,
    together ? '' : pick([`Ativo: ${asset.symbol}`, asset.symbol, `*${asset.symbol}*`, `Papel: ${asset.symbol.toLowerCase()}`, `#${asset.symbol}`, `📈 ${asset.symbol}`]),
    `${entryLabel} ${entry}`,
    ...targetLines,
    hasStop ? `${pick(['Stop:', 'STOP', 'Stop loss:', 'SL:', '🛑 Stop:', 'Stop em', '⛔'])} ${price(stop)}` : '',
    kind === 'SWING' ? pick(['Swing trade', '#swingtrade', 'SWING']) : kind === 'DAY' ? pick(['Day trade', 'Daytrade', 'Intraday']) : kind === 'POSITION' ? pick(['Position', 'Operação de posição']) : '',
    pick(['', 'Válido até 30/11/2026', 'Risco: 2% do capital', '2 lotes', 'Dúvidas? (11) 98888-7777', '@canal_sinais', 'https://t.me/sinais', 'Prazo: 10 dias', 'Não é recomendação de compra ou venda.', 'Atualizado às 10h30', '⚠️ Gerencie o risco!']),
  ].filter((line) => line !== '');

  const bullet = pick(['', '• ', '➡️ ', '- ', '✅ ', '👉 ']);
  const bold = random() < 0.2;
  const decorated = lines.map((line, k) => `${k > 0 ? bullet : ''}${bold ? line.replace(/^([^:]+:)/u, '*$1*') : line}`);
  let text = random() < 0.25 ? decorated.join(pick([' | ', ' - ', ' / ', ', '])) : decorated.join(pick(['\n', '\n\n']));
  const casing = random();
  if (casing < 0.15) text = text.toLowerCase();
  else if (casing < 0.3) text = text.toUpperCase();

  const entryMin = canonical(low, asset);
  const expected: SignalParse = {
    status: 'SIGNAL',
    signal: {
      asset: asset.symbol,
      side,
      kind,
      entryMin,
      entryMax: isRange ? canonical(high, asset) : entryMin,
      targets: targets.map((t) => canonical(t, asset)),
      stop: hasStop ? canonical(stop, asset) : null,
    },
  };
  return [text, expected];
}

const random = generator(20261127);
const cases = Array.from({ length: 400 }, () => layout(random));

describe('parseSignal: generated layouts', () => {
  it.each(cases)('%s', (text, expected) => {
    expect(parseSignal(text)).toEqual(expected);
  });
});
