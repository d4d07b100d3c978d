import { formatB3Time } from '../../shared/format/formatB3Time';
import { formatDecimal } from '../../shared/format/formatDecimal';
import type { TickerRowState } from './types';

const ARROWS = { up: '▲', down: '▼' } as const;

function aggressorTone(aggressor: string | null): string {
  const value = aggressor?.toUpperCase() ?? '';
  if (value.startsWith('BUY')) return 'buy';
  if (value.startsWith('SELL')) return 'sell';
  return 'neutral';
}

export function TickerRow({ row }: { row: TickerRowState }) {
  const trend = row.trend ?? 'none';
  return (
    <tr data-testid={`row-${row.symbol}`} className="ticker-row">
      <th scope="row" className="ticker-row__symbol">
        {row.symbol}
      </th>
      <td className={`ticker-row__price trend--${trend}`}>
        {/* Keyed by trade count so the flash animation restarts on every tick. */}
        <span key={row.tradeCount} className={row.lastTick ? `flash flash--${row.lastTick}` : undefined}>
          <span className="ticker-row__arrow" aria-hidden="true">
            {row.trend ? ARROWS[row.trend] : ''}
          </span>
          <span data-testid={`price-${row.symbol}`}>{row.price === null ? '—' : formatDecimal(row.price)}</span>
        </span>
      </td>
      <td className="num">{row.quantity === null ? '—' : formatDecimal(row.quantity)}</td>
      <td>
        <span className={`aggressor aggressor--${aggressorTone(row.aggressor)}`}>{row.aggressor ?? '—'}</span>
      </td>
      <td className="num ticker-row__time">{row.time === null ? '—' : formatB3Time(row.time)}</td>
      <td className="num" data-testid={`trades-${row.symbol}`}>
        {row.tradeCount}
      </td>
    </tr>
  );
}
