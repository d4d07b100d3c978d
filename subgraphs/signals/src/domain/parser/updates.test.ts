import { normalizeText } from './text';
import { detectUpdate, type UpdateWording } from './updates';
import { blankPhrases } from './vocabulary';

const update = (text: string): Omit<UpdateWording, 'numberSpan'> | null => {
  const found = detectUpdate(blankPhrases(normalizeText(text)).text);
  return found ? { kind: found.kind, strength: found.strength, targetNumber: found.targetNumber } : null;
};

describe('detectUpdate', () => {
  it.each([
    ['ALVO 1 ATINGIDO', 'TARGET_HIT', 1],
    ['PETR4 bateu o alvo 2', 'TARGET_HIT', 2],
    ['🎯 Alvo final atingido!', 'TARGET_HIT', null],
    ['Bateu o primeiro alvo', 'TARGET_HIT', 1],
    ['TP3 ✅', 'TARGET_HIT', 3],
    ['Alvos 1 e 2 atingidos', 'TARGET_HIT', 2],
    ['Alvo 3 (final) atingido', 'TARGET_HIT', 3],
    ['Todos os alvos atingidos', 'TARGET_HIT', null],
    ['Gain ✅', 'TARGET_HIT', null],
    ['Stopado', 'STOPPED', null],
    ['stop atingido', 'STOPPED', null],
    ['saímos no stop', 'STOPPED', null],
    ['Deu stop', 'STOPPED', null],
    ['Loss ❌', 'STOPPED', null],
    ['Fomos stopados em 37,50', 'STOPPED', null],
    ['cancelada', 'CANCELED', null],
    ['cancelar entrada', 'CANCELED', null],
    ['Desconsiderem o sinal', 'CANCELED', null],
    ['Realizamos parcial', 'PARTIAL_EXIT', null],
    ['parcial realizada', 'PARTIAL_EXIT', null],
    ['encerrada', 'CLOSED', null],
    ['Operação finalizada', 'CLOSED', null],
    ['Zeramos a posição', 'CLOSED', null],
    ['Saímos em 40,20', 'CLOSED', null],
  ])('%s is an event: %s', (text, kind, targetNumber) => {
    expect(update(text)).toEqual({ kind, strength: 'EVENT', targetNumber });
  });

  it.each([
    ['realizar parcial', 'PARTIAL_EXIT'],
    ['parcial de 50%', 'PARTIAL_EXIT'],
    ['Reduzir a posição pela metade', 'PARTIAL_EXIT'],
    ['Zerar posição', 'CLOSED'],
    ['Encerrar operação', 'CLOSED'],
    ['Cancelar se abrir em gap', 'CANCELED'],
  ])('%s is an instruction: %s', (text, kind) => {
    expect(update(text)).toMatchObject({ kind, strength: 'INSTRUCTION' });
  });

  it('does not take a stop hit for a target hit', () => {
    expect(update('PETR4 Alvo 1: 39,50 | Stop acionado')).toMatchObject({ kind: 'STOPPED' });
  });

  it('prefers the target hit over what follows it', () => {
    expect(update('Alvo 1 atingido! Realizamos parcial e encerramos o resto')).toMatchObject({ kind: 'TARGET_HIT', targetNumber: 1 });
    expect(update('Saímos no alvo 2')).toMatchObject({ kind: 'TARGET_HIT', targetNumber: 2 });
  });

  it.each([
    'Após o alvo 1 ser atingido, subir stop',
    'Se o stop for atingido, aguardar',
    'Alvo 1: 39,50 (parcial quando atingido)',
    'Pregão encerrado',
    'Mercado fechado hoje',
    'Live cancelada',
    'Inscrições encerradas',
    'Stop: 37,50',
    'Alvo 1: 39,50',
    'Bom dia pessoal',
    'Ordem será cancelada amanhã',
  ])('%s is no update event', (text) => {
    expect(update(text)?.strength === 'EVENT').toBe(false);
  });

  it('points at the target numbers so they are not read as a price', () => {
    const text = normalizeText('Alvos 1 e 2 atingidos');
    const span = detectUpdate(text)?.numberSpan;
    expect(span && text.slice(span.start, span.end)).toBe('1 E 2');
  });
});
