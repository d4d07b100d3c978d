import { maskNoise } from './noise';
import { normalizeText } from './text';
import { findLabels } from './vocabulary';

/** The numbers left after masking. */
const survivors = (text: string): string[] => {
  const normalized = normalizeText(text);
  return maskNoise(normalized, findLabels(normalized)).match(/\d+(?:[.,]\d+)*/gu) ?? [];
};

describe('maskNoise', () => {
  it.each([
    ['válido até 30/11/2026', []],
    ['até dia 28/10', []],
    ['até 28/10', []],
    ['28.10.2026', []],
    ['28 de outubro', []],
    ['às 10h', []],
    ['10:30', []],
    ['10h30', []],
    ['+5%', []],
    ['risco 2%', []],
    ['ganho de 3,5 %', []],
    ['1ª entrada', []],
    ['2 lotes', []],
    ['prazo 15 dias', []],
    ['(11) 99999-9999', []],
    ['+55 11 987654321', []],
    ['Zap 98888-7777', []],
    ['RR 1:3', []],
  ])('blanks %s', (text, left) => {
    expect(survivors(text)).toEqual(left);
  });

  it.each([
    ['Entrada 38,50', ['38,50']],
    ['Alvo 1:39,00', ['1', '39,00']],
    ['Alvos: 10/11/12', ['10', '11', '12']],
    ['Entrada: 10/11', ['10', '11']],
    ['Alvos 39/40/41', ['39', '40', '41']],
    ['WIN 125.000', ['125.000']],
    ['5432-5450', ['5432', '5450']],
  ])('keeps prices in %s', (text, left) => {
    expect(survivors(text)).toEqual(left);
  });
});
