import { join } from 'node:path';
import { busUrlFromEnv, envString, subgraphPort } from '@b3/kit';
import { DEFAULT_INSTRUMENTS, type Instrument, parseInstrumentList } from './domain/instrument';

export type TickStoreConfig =
  | { kind: 'duckdb'; path: string }
  | { kind: 'questdb'; ilp: string; pg: string };

export interface MarketConfig {
  port: number;
  busUrl: string;
  tickStore: TickStoreConfig;
  /** DuckDB file (or `:memory:`) for B3 reference data: snapshots, indicators, surfaces, chains. */
  b3Path: string;
  /** Import the bundled sample B3 files at start when the B3 store is empty. */
  loadSampleData: boolean;
  instruments: Instrument[];
}

function tickStoreFromEnv(env: NodeJS.ProcessEnv, dataDir: string): TickStoreConfig {
  const kind = envString('MARKET_STORE', 'duckdb', env);
  if (kind === 'questdb') {
    return {
      kind,
      ilp: envString('QUESTDB_ILP', 'http::addr=127.0.0.1:9000', env),
      pg: envString('QUESTDB_PG', 'postgres://admin:quest@127.0.0.1:8812/qdb', env),
    };
  }
  if (kind !== 'duckdb') throw new Error(`MARKET_STORE must be duckdb or questdb, got "${kind}"`);
  return { kind, path: envString('MARKET_DUCKDB_PATH', join(dataDir, 'market', 'trades.duckdb'), env) };
}

export function loadMarketConfig(env: NodeJS.ProcessEnv = process.env): MarketConfig {
  const dataDir = envString('DATA_DIR', join(process.cwd(), '.data'), env);
  return {
    port: subgraphPort('market', env),
    busUrl: busUrlFromEnv(env),
    tickStore: tickStoreFromEnv(env, dataDir),
    b3Path: envString('MARKET_B3_DUCKDB_PATH', join(dataDir, 'market', 'b3.duckdb'), env),
    loadSampleData: envString('MARKET_SAMPLE_DATA', 'true', env) !== 'false',
    instruments: parseInstrumentList(envString('MARKET_SYMBOLS', DEFAULT_INSTRUMENTS, env)),
  };
}
