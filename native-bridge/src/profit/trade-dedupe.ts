import type { RawTrade } from './trade.mapper';
import { TC_IS_EDIT } from './trade.mapper';

/**
 * Trade numbers are unique per instrument and exchange day (ABI.md §6.3), and a reconnected feed may send a
 * trade again: anything at or below the highest number already seen that day is a duplicate. Edits reuse
 * the number of the trade they correct, so they always pass.
 */
export class TradeDedupe {
  private readonly highest = new Map<string, number>();
  dropped = 0;

  accept(raw: RawTrade): boolean {
    if (raw.flags & TC_IS_EDIT) return true;
    const d = raw.trade.TradeDate;
    const key = `${raw.ticker}/${raw.exchange}/${d.wYear}-${d.wMonth}-${d.wDay}`;
    const seen = this.highest.get(key);
    if (seen !== undefined && raw.trade.TradeNumber <= seen) {
      this.dropped++;
      return false;
    }
    this.highest.set(key, raw.trade.TradeNumber);
    return true;
  }
}
