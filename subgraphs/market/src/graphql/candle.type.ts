import { DecimalScalar, SafeIntScalar } from '@b3/kit';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Candle } from '../domain/candle';

export enum CandleInterval {
  M1 = 'M1',
  M5 = 'M5',
  M15 = 'M15',
  H1 = 'H1',
  D1 = 'D1',
}
registerEnumType(CandleInterval, {
  name: 'CandleInterval',
  description: 'Bar length; D1 bars are São Paulo calendar days, shorter bars are aligned to the clock',
});

@ObjectType('Candle', { description: 'OHLCV bar; intervals without trades have no bar' })
export class CandleType {
  @Field()
  symbol!: string;

  @Field(() => CandleInterval)
  interval!: CandleInterval;

  @Field({ description: 'First instant inside the bar (UTC)' })
  start!: Date;

  @Field({ description: 'First instant after the bar (UTC)' })
  end!: Date;

  @Field(() => DecimalScalar)
  open!: string;

  @Field(() => DecimalScalar)
  high!: string;

  @Field(() => DecimalScalar)
  low!: string;

  @Field(() => DecimalScalar)
  close!: string;

  @Field(() => SafeIntScalar, { description: 'Contracts or shares traded' })
  volume!: number;

  @Field(() => Int, { description: 'Number of trades' })
  trades!: number;

  @Field(() => DecimalScalar, { description: 'Σ price × quantity, in price points (multiply by the contract multiplier for BRL)' })
  turnover!: string;

  @Field(() => DecimalScalar, { description: 'Volume-weighted average price, rounded half away from zero to 4 decimals' })
  vwap!: string;

  @Field({ description: 'False while the bar is still forming' })
  closed!: boolean;
}

export function toCandleType(candle: Candle & { closed: boolean }): CandleType {
  return Object.assign(new CandleType(), {
    ...candle,
    interval: CandleInterval[candle.interval],
    start: new Date(candle.start),
    end: new Date(candle.end),
  });
}
