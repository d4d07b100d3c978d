import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { TickerSymbol } from '../src/domain/trade';
import { openDuckDbTickStore } from '../src/store/duckdb-tick.store';
import { describeTickStoreContract, trade } from './tick-store.contract';

describeTickStoreContract('duckdb', { open: () => openDuckDbTickStore(':memory:') });

describe('duckdb tick store on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ticks-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the later of two equal trades inside one batch', async () => {
    const store = await openDuckDbTickStore(':memory:');
    const first = trade('PETR4', 5, '2026-11-26T13:00:05.000Z', '38.01', 100);
    await store.append([first, trade('PETR4', 6, '2026-11-26T13:00:06.000Z', '38.02', 100), { ...first, price: '38.04', isEdit: true }]);
    const [bar] = await store.candles({ symbol: 'PETR4' as TickerSymbol, interval: 'M1', fromMs: 0, toMs: Date.parse('2027-01-01T00:00:00Z') });
    expect(bar).toMatchObject({ open: '38.04', high: '38.04', trades: 2, volume: 200 });
    await store.close();
  });

  it('keeps trades and bars across a reopen', async () => {
    const path = join(dir, 'ticks.duckdb');
    const first = await openDuckDbTickStore(path);
    await first.append([trade('PETR4', 1, '2026-11-26T13:00:05.000Z', '38.01', 100), trade('VALE3', 1, '2026-11-26T13:00:06.000Z', '61.5', 200)]);
    await first.close();
    const second = await openDuckDbTickStore(path);
    await second.append([trade('PETR4', 2, '2026-11-26T13:00:07.000Z', '38.03', 100)]);
    const bars = await second.candles({ symbol: 'PETR4' as TickerSymbol, interval: 'M1', fromMs: 0, toMs: Date.parse('2027-01-01T00:00:00Z') });
    expect(bars).toMatchObject([{ open: '38.01', close: '38.03', trades: 2 }]);
    expect((await second.lastTrades(['VALE3'] as TickerSymbol[])).get('VALE3' as TickerSymbol)).toMatchObject({ price: '61.5', exchange: 'B' });
    await second.close();
  });

  it('moves trades from the earlier DECIMAL-priced table into ticks and minute bars', async () => {
    const path = join(dir, 'legacy.duckdb');
    const legacy = await DuckDBInstance.create(path);
    const connection = await legacy.connect();
    await connection.run(`CREATE TABLE trades (symbol VARCHAR NOT NULL, exchange VARCHAR NOT NULL, trade_number UBIGINT NOT NULL, price DECIMAL(18, 4) NOT NULL,
      quantity BIGINT NOT NULL, aggressor VARCHAR NOT NULL, ts TIMESTAMP NOT NULL, is_edit BOOLEAN NOT NULL)`);
    await connection.run(`INSERT INTO trades VALUES ('WINZ26', 'F', 7, 125005, 2, 'SELL', '2026-11-26 13:00:01.250', false),
      ('WINZ26', 'F', 8, 125010, 1, 'BUY', '2026-11-26 13:00:02', false)`);
    connection.closeSync();
    legacy.closeSync();

    const store = await openDuckDbTickStore(path);
    const last = await store.lastTrades(['WINZ26'] as TickerSymbol[]);
    expect(last.get('WINZ26' as TickerSymbol)).toEqual({ symbol: 'WINZ26', exchange: 'F', tradeNumber: 8, price: '125010', quantity: 1, aggressor: 'BUY', time: '2026-11-26T13:00:02.000Z', isEdit: false });
    const bars = await store.candles({ symbol: 'WINZ26' as TickerSymbol, interval: 'M1', fromMs: 0, toMs: Date.parse('2027-01-01T00:00:00Z') });
    expect(bars).toMatchObject([{ open: '125005', close: '125010', volume: 3, trades: 2, turnover: '375020' }]);
    await store.close();
  });
});
