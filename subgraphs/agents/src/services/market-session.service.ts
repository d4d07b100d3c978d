import { B3_CASH_EQUITIES, type MarketSession, marketSessionAt, type TradingSchedule } from '../domain/market-session';

export class MarketSessionService {
  constructor(
    private readonly clock: () => Date = () => new Date(),
    private readonly schedule: TradingSchedule = B3_CASH_EQUITIES,
  ) {}

  /** The session at `at`, or now when no instant is given. */
  sessionAt(at?: Date): MarketSession {
    return marketSessionAt(at ?? this.clock(), this.schedule);
  }
}
