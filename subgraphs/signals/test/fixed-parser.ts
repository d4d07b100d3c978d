import type { SignalParse } from '../src/domain/signal-parse';

/**
 * A parser with a fixed answer per text, for tests about what happens to messages and signals rather than
 * about reading text (the real parser has its own tests). "boom" makes it throw, like a parser bug would.
 */
export const PARSES: Record<string, SignalParse> = {
  'buy petr4': { status: 'SIGNAL', signal: { asset: 'PETR4', side: 'BUY', kind: 'SWING', entryMin: '38', entryMax: '38.5', targets: ['39', '40', '42'], stop: '37' } },
  'buy petr4 v2': { status: 'SIGNAL', signal: { asset: 'PETR4', side: 'BUY', kind: 'SWING', entryMin: '38.2', entryMax: '38.2', targets: ['39.5', '41'], stop: '37.5' } },
  'sell vale3': { status: 'SIGNAL', signal: { asset: 'VALE3', side: 'SELL', kind: null, entryMin: '60', entryMax: '60', targets: ['58'], stop: '61' } },
  'alvo 1 petr4': { status: 'UPDATE', update: { asset: 'PETR4', kind: 'TARGET_HIT', targetNumber: 1, price: null } },
  'alvo 2': { status: 'UPDATE', update: { asset: null, kind: 'TARGET_HIT', targetNumber: 2, price: null } },
  'stopado itub4': { status: 'UPDATE', update: { asset: 'ITUB4', kind: 'STOPPED', targetNumber: null, price: null } },
  'bom dia': { status: 'IGNORED', reason: 'commentary, not a signal' },
};
export const parse = (text: string): SignalParse => {
  if (text === 'boom') throw new Error('parser bug');
  return PARSES[text] ?? { status: 'IGNORED', reason: 'not in the table' };
};


