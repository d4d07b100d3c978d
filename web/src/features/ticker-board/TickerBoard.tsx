import { TickerRow } from './TickerRow';
import { useTickerBoard } from './useTickerBoard';

export function TickerBoard({ symbols }: { symbols: readonly string[] }) {
  const rows = useTickerBoard(symbols);
  return (
    <section className="panel ticker-board" aria-labelledby="ticker-board-title">
      <h2 id="ticker-board-title" className="panel__title">
        Last trades
      </h2>
      <table className="ticker-table">
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col" className="num">
              Last
            </th>
            <th scope="col" className="num">
              Qty
            </th>
            <th scope="col">Aggressor</th>
            <th scope="col" className="num">
              Time <abbr title="America/Sao_Paulo">B3</abbr>
            </th>
            <th scope="col" className="num" title="Trades received since this page was loaded">
              Trades
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <TickerRow key={row.symbol} row={row} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
