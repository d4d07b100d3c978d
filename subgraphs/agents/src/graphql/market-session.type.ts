import { domainEnum } from '@b3/kit';
import { Field, ObjectType } from 'type-graphql';
import { SESSION_PHASES, type MarketSession, type SessionPhase as DomainSessionPhase } from '../domain/market-session';

export const SessionPhase = domainEnum(SESSION_PHASES, { name: 'SessionPhase', description: 'Trading phase of the B3 cash equities market' });
export type SessionPhase = (typeof SESSION_PHASES)[number];

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
