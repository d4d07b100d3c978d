import { DecimalScalar } from '@b3/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { Signal, SignalDirection as DomainDirection } from '../domain/signal';
import { TickerRef } from './ticker-ref.type';

export enum SignalDirection {
  BUY = 'BUY',
  SELL = 'SELL',
}
registerEnumType(SignalDirection, { name: 'SignalDirection' });

@Directive('@key(fields: "id")')
@ObjectType('Signal', { description: 'A trade signal from an outside source, parsed when it arrived' })
export class SignalType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Where it came from, e.g. a Telegram channel' })
  source!: string;

  @Field({ description: 'The text exactly as received' })
  rawText!: string;

  @Field({ description: 'B3 ticker the signal is about' })
  asset!: string;

  @Field(() => TickerRef, { description: 'The instrument, with live market data from the market subgraph' })
  ticker!: TickerRef;

  @Field(() => SignalDirection)
  direction!: SignalDirection;

  @Field(() => DecimalScalar, { nullable: true })
  entry!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  stop!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'First target when the text gives several' })
  target!: string | null;

  @Field()
  receivedAt!: Date;
}

const toEnum: Record<DomainDirection, SignalDirection> = { BUY: SignalDirection.BUY, SELL: SignalDirection.SELL };

export function toSignalType(signal: Signal): SignalType {
  return Object.assign(new SignalType(), {
    ...signal,
    direction: toEnum[signal.direction],
    ticker: Object.assign(new TickerRef(), { symbol: signal.asset }),
  });
}
