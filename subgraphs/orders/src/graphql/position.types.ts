import { DecimalScalar, domainEnum } from '@b3/kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { MARK_SOURCES, type MarkSource } from '../domain/pnl';
import type { PositionSide } from '../domain/position';
import type { AccountPnlView, PositionView } from '../services/position.service';
import { TickerRef } from './ticker-ref.type';

/** Every P&L figure is in reais; said once in the schema so clients need not assume it. */
export const PNL_CURRENCY = 'BRL';

const POSITION_SIDES = ['LONG', 'SHORT', 'FLAT'] as const satisfies readonly PositionSide[];
export const PositionSideEnum = domainEnum(POSITION_SIDES, { name: 'PositionSide' });

export const MarkSourceEnum = domainEnum(MARK_SOURCES, {
  name: 'MarkSource',
  description: 'Where the price a position is valued at came from',
  valuesConfig: {
    LAST_TRADE: { description: "The market's last trade today" },
    SESSION_START: { description: 'No trade yet today: the previous close (futures: settlement) the day started from' },
    LAST_FILL: { description: "No market price at all: the position's own last fill" },
    NONE: { description: 'Flat: no price needed' },
  },
});

@ObjectType('Position', { description: "One account's net position in one symbol, by the average-price method" })
export class PositionType {
  @Field()
  account!: string;

  @Field()
  symbol!: string;

  @Field(() => TickerRef, { description: 'The instrument, with live market data from the market subgraph' })
  ticker!: TickerRef;

  @Field(() => Int, { description: 'Positive long, negative short, 0 flat' })
  netQuantity!: number;

  @Field(() => PositionSideEnum)
  side!: PositionSide;

  @Field(() => DecimalScalar, { nullable: true, description: 'Average price of the open quantity (4 decimals); null when flat' })
  averagePrice!: string | null;

  @Field(() => DecimalScalar, { description: 'BRL realized since the first fill on record: (exit − average) × quantity × multiplier' })
  realizedPnl!: string;

  @Field(() => DecimalScalar, { description: 'BRL realized since the session start' })
  realizedToday!: string;

  @Field(() => DecimalScalar, { description: 'BRL: (mark − average) × net × multiplier' })
  unrealizedPnl!: string;

  @Field(() => DecimalScalar, { description: "BRL: the day's result, realized today plus the change in value since the session-start mark" })
  dailyPnl!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The price the position is valued at; see markSource' })
  mark!: string | null;

  @Field(() => MarkSourceEnum)
  markSource!: MarkSource;

  @Field({ description: 'The São Paulo trading date the daily figures belong to (YYYY-MM-DD)' })
  sessionDate!: string;
}

export function toPositionType(view: PositionView): PositionType {
  return Object.assign(new PositionType(), {
    account: view.account,
    symbol: view.symbol,
    ticker: Object.assign(new TickerRef(), { symbol: view.symbol }),
    netQuantity: view.netQuantity,
    side: view.side,
    averagePrice: view.averagePrice,
    realizedPnl: view.realizedPnl.text,
    realizedToday: view.realizedToday.text,
    unrealizedPnl: view.unrealizedPnl.text,
    dailyPnl: view.dailyPnl.text,
    mark: view.mark,
    markSource: view.markSource,
    sessionDate: view.sessionDate,
  });
}

@ObjectType('AccountPnl', { description: "An account's P&L for the trading day, marked to market from the session start" })
export class AccountPnlType {
  @Field()
  account!: string;

  @Field({ description: 'The São Paulo trading date (YYYY-MM-DD); the figures reset at 00:00 São Paulo time' })
  sessionDate!: string;

  @Field({ description: 'Always BRL' })
  currency!: string;

  @Field(() => DecimalScalar, { description: 'Realized since the session start, by the average-price method' })
  realizedToday!: string;

  @Field(() => DecimalScalar, { description: 'Open positions against their average price' })
  unrealized!: string;

  @Field(() => DecimalScalar, { description: 'Change in unrealized since the session-start marks (what the day added)' })
  unrealizedChange!: string;

  @Field(() => DecimalScalar, { description: "The day's result: realizedToday + unrealizedChange; the daily loss limit applies to it" })
  daily!: string;
}

export function toAccountPnlType(pnl: AccountPnlView): AccountPnlType {
  return Object.assign(new AccountPnlType(), {
    account: pnl.account,
    sessionDate: pnl.sessionDate,
    currency: PNL_CURRENCY,
    realizedToday: pnl.realizedToday.text,
    unrealized: pnl.unrealized.text,
    unrealizedChange: pnl.unrealizedChange.text,
    daily: pnl.net.text,
  });
}
