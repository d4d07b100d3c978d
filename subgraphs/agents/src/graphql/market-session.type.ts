import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { MarketSession, SessionPhase as DomainSessionPhase } from '../domain/market-session';

export enum SessionPhase {
  PRE_OPENING = 'PRE_OPENING',
  OPEN = 'OPEN',
  CLOSING_CALL = 'CLOSING_CALL',
  AFTER_MARKET = 'AFTER_MARKET',
  CLOSED = 'CLOSED',
}
registerEnumType(SessionPhase, { name: 'SessionPhase', description: 'Trading phase of the B3 cash equities market' });

@ObjectType('MarketSession', {
  description: 'B3 cash equities session (regular hours 10:00–17:00 São Paulo). Exchange holidays are not known yet: a holiday on a weekday reports regular phases.',
})
export class MarketSessionType {
  @Field(() => SessionPhase)
  phase!: SessionPhase;

  @Field({ description: 'The instant the phase was computed for (UTC)' })
  at!: Date;

  @Field({ description: 'Opening of the regular session in progress, or of the next one when none is (UTC)' })
  opensAt!: Date;

  @Field({ description: 'Close of that same regular session (UTC)' })
  closesAt!: Date;

  @Field({ description: 'IANA time zone the exchange hours are defined in' })
  timezone!: string;
}

const toEnum: Record<DomainSessionPhase, SessionPhase> = {
  PRE_OPENING: SessionPhase.PRE_OPENING,
  OPEN: SessionPhase.OPEN,
  CLOSING_CALL: SessionPhase.CLOSING_CALL,
  AFTER_MARKET: SessionPhase.AFTER_MARKET,
  CLOSED: SessionPhase.CLOSED,
};

export function toMarketSessionType(session: MarketSession): MarketSessionType {
  return Object.assign(new MarketSessionType(), { ...session, phase: toEnum[session.phase] });
}
