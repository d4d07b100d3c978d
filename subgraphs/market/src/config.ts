import { join } from 'node:path';
import { busUrlFromEnv, envString, subgraphPort } from '@b3/kit';
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
    busUrl: busUrlFromEnv(env),
    duckdbPath: envString('MARKET_DUCKDB_PATH', join(dataDir, 'market', 'trades.duckdb'), env),
    instruments: parseInstrumentList(envString('MARKET_SYMBOLS', DEFAULT_INSTRUMENTS, env)),
  };
}
