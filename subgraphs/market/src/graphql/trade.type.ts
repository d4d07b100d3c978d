import { DecimalScalar } from '@b3/kit';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Aggressor as DomainAggressor, Trade } from '../domain/trade';

export enum Aggressor {
  BUY = 'BUY',
  SELL = 'SELL',
  CROSS = 'CROSS',
  AUCTION = 'AUCTION',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(Aggressor, { name: 'Aggressor', description: 'Which side crossed the spread' });

@ObjectType('Trade', { description: 'One trade printed on B3' })
export class TradeType {
  @Field()
  symbol!: string;

  @Field(() => DecimalScalar, { description: 'Trade price, exact decimal' })
  price!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Aggressor)
  aggressor!: Aggressor;

  @Field(() => Int, { description: 'Exchange trade number, unique per symbol per session' })
  tradeNumber!: number;

  @Field({ description: 'When the trade printed (UTC)' })
  time!: Date;

  @Field({ description: 'True when this corrects an earlier trade' })
  isEdit!: boolean;
}

const toEnum: Record<DomainAggressor, Aggressor> = {
  BUY: Aggressor.BUY,
  SELL: Aggressor.SELL,
  CROSS: Aggressor.CROSS,
  AUCTION: Aggressor.AUCTION,
  UNKNOWN: Aggressor.UNKNOWN,
};

export function toTradeType(trade: Trade): TradeType {
  return Object.assign(new TradeType(), {
    symbol: trade.symbol,
    price: trade.price,
    quantity: trade.quantity,
    aggressor: toEnum[trade.aggressor],
    tradeNumber: trade.tradeNumber,
    time: new Date(trade.time),
    isEdit: trade.isEdit,
  });
}
