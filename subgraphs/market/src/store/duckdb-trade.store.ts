import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { normalizeDecimalString } from '@b3/kit';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AGGRESSORS, type Aggressor, type TickerSymbol, type Trade } from '../domain/trade';
import type { TradeStore } from './trade.store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS trades (
  symbol VARCHAR NOT NULL,
  exchange VARCHAR NOT NULL,
  trade_number UBIGINT NOT NULL,
  price DECIMAL(18, 4) NOT NULL,
  quantity BIGINT NOT NULL,
  aggressor VARCHAR NOT NULL,
  ts TIMESTAMP NOT NULL,
  is_edit BOOLEAN NOT NULL
)`;

const COLUMNS = 8;

/** DuckDB file (or `:memory:`), prices as DECIMAL(18,4) bound from strings so no float touches them. */
export async function openDuckDbTradeStore(path: string): Promise<TradeStore> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path);
  const connection: DuckDBConnection = await instance.connect();
  await connection.run(SCHEMA);
  let closed = false;

  return {
    kind: 'duckdb',
    async append(trades) {
      if (trades.length === 0) return;
      const rows = trades.map((_, i) => {
        const p = (n: number) => `$${i * COLUMNS + n}`;
        return `(${p(1)}, ${p(2)}, ${p(3)}::UBIGINT, ${p(4)}::DECIMAL(18,4), ${p(5)}::BIGINT, ${p(6)}, epoch_ms(${p(7)}::BIGINT), ${p(8)}::BOOLEAN)`;
      });
      const values = trades.flatMap((t) => [t.symbol, t.exchange, String(t.tradeNumber), t.price, String(t.quantity), t.aggressor, String(Date.parse(t.time)), t.isEdit]);
      await connection.run(`INSERT INTO trades VALUES ${rows.join(', ')}`, values);
    },
    async lastTrades(symbols) {
      const found = new Map<TickerSymbol, Trade>();
      if (symbols.length === 0) return found;
      const placeholders = symbols.map((_, i) => `$${i + 1}`).join(', ');
      const reader = await connection.runAndReadAll(
        `SELECT symbol, exchange, trade_number::VARCHAR AS trade_number, price::VARCHAR AS price, quantity::VARCHAR AS quantity,
                aggressor, epoch_ms(ts)::VARCHAR AS ts, is_edit
           FROM trades WHERE symbol IN (${placeholders})
           QUALIFY row_number() OVER (PARTITION BY symbol ORDER BY ts DESC, trade_number DESC) = 1`,
        [...symbols],
      );
      for (const row of reader.getRowObjectsJS()) {
        const aggressor = String(row.aggressor) as Aggressor;
        const trade: Trade = {
          symbol: String(row.symbol) as TickerSymbol,
          exchange: String(row.exchange),
          tradeNumber: Number(row.trade_number),
          price: normalizeDecimalString(String(row.price)),
          quantity: Number(row.quantity),
          aggressor: AGGRESSORS.includes(aggressor) ? aggressor : 'UNKNOWN',
          time: new Date(Number(row.ts)).toISOString(),
          isEdit: Boolean(row.is_edit),
        };
        found.set(trade.symbol, trade);
      }
      return found;
    },
    async ping() {
      await connection.run('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      connection.closeSync();
      instance.closeSync();
    },
  };
}
