import { join } from 'node:path';
import { envString, subgraphPort } from '@b3/kit';
import { DEFAULT_INSTRUMENTS, type Instrument, parseInstrumentList } from './domain/instrument';

export interface MarketConfig {
  port: number;
  busUrl: string;
  /** DuckDB file path, or `:memory:`. */
  duckdbPath: string;
  instruments: Instrument[];
}

export function loadMarketConfig(env: NodeJS.ProcessEnv = process.env): MarketConfig {
  const dataDir = envString('DATA_DIR', join(process.cwd(), '.data'), env);
  return {
    port: subgraphPort('market', env),
    busUrl: envString('BUS_URL', 'mqtt://127.0.0.1:3510', env),
    duckdbPath: envString('MARKET_DUCKDB_PATH', join(dataDir, 'market', 'trades.duckdb'), env),
    instruments: parseInstrumentList(envString('MARKET_SYMBOLS', DEFAULT_INSTRUMENTS, env)),
  };
}
