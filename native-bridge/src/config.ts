import { busUrlFromEnv, envInt, envOptional, envString, subgraphPort } from '@b3/kit';

export interface BridgeConfig {
  port: number;
  busUrl: string;
  /** Path of ProfitDLL (or a library with its ABI); unset means the bundled simulator. */
  libraryPath?: string;
  activationKey: string;
  user: string;
  password: string;
  seed: number;
  /** Trades through the C shim's ring (`shim`) or a JS callback each (`direct`); unset: shim when built. */
  tradeCallbacks?: 'shim' | 'direct';
  ringCapacity: number;
  /** Log in with routing (DLLInitializeLogin); off for a market-data-only license. */
  routing: boolean;
  /** `SYMBOL:EXCHANGE` list to subscribe at start. */
  symbols: Array<{ symbol: string; exchange: string }>;
  /** Also subscribe the configured symbols' price books (the market serves quotes and depth from them). */
  books: boolean;
}

export function parseSymbols(raw: string): Array<{ symbol: string; exchange: string }> {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const [symbol, exchange = 'B'] = item.split(':');
      if (!/^[A-Z0-9]{4,12}$/.test(symbol) || !/^[A-Z]$/.test(exchange)) throw new Error(`invalid BRIDGE_SYMBOLS entry "${item}"`);
      return { symbol, exchange };
    });
}

function tradeCallbacksOf(value: string | undefined): 'shim' | 'direct' | undefined {
  if (value === undefined || value === 'shim' || value === 'direct') return value;
  throw new Error(`PROFIT_TRADE_CALLBACKS must be shim or direct, got "${value}"`);
}

export function loadBridgeConfig(env: NodeJS.ProcessEnv = process.env): BridgeConfig {
  return {
    port: subgraphPort('bridge', env),
    busUrl: busUrlFromEnv(env),
    libraryPath: envOptional('PROFITDLL_PATH', env),
    activationKey: envString('PROFITDLL_KEY', 'SIM-KEY', env),
    user: envString('PROFITDLL_USER', 'simulator', env),
    password: envString('PROFITDLL_PASSWORD', 'simulator', env),
    seed: envInt('BRIDGE_SEED', 42, env),
    tradeCallbacks: tradeCallbacksOf(envOptional('PROFIT_TRADE_CALLBACKS', env)),
    ringCapacity: envInt('PROFIT_RING_CAPACITY', 65_536, env),
    routing: envString('PROFITDLL_ROUTING', '1', env) !== '0',
    symbols: parseSymbols(envString('BRIDGE_SYMBOLS', 'WINZ26:F,WDOZ26:F,PETR4:B,VALE3:B', env)),
    books: envString('BRIDGE_BOOKS', 'true', env) !== 'false',
  };
}
