/**
 * The one table of the platform's processes: name, default port and the env var that overrides it.
 * The launcher starts them in this order; the gateway routes to the subgraphs listed here.
 */
export type ServiceKind = 'subgraph' | 'gateway' | 'web' | 'bus';

export interface ServiceSpec {
  readonly name: string;
  readonly kind: ServiceKind;
  readonly defaultPort: number;
  readonly portEnv: string;
  /** Workspace folder, relative to the repository root. */
  readonly dir: string;
}

export const SUBGRAPHS = [
  { name: 'bridge', kind: 'subgraph', defaultPort: 3600, portEnv: 'BRIDGE_PORT', dir: 'native-bridge' },
  { name: 'market', kind: 'subgraph', defaultPort: 3302, portEnv: 'MARKET_PORT', dir: 'subgraphs/market' },
  { name: 'orders', kind: 'subgraph', defaultPort: 3205, portEnv: 'ORDERS_PORT', dir: 'subgraphs/orders' },
  { name: 'ideas', kind: 'subgraph', defaultPort: 3100, portEnv: 'IDEAS_PORT', dir: 'subgraphs/ideas' },
  { name: 'signals', kind: 'subgraph', defaultPort: 3200, portEnv: 'SIGNALS_PORT', dir: 'subgraphs/signals' },
  { name: 'docs', kind: 'subgraph', defaultPort: 3400, portEnv: 'DOCS_PORT', dir: 'subgraphs/docs' },
  { name: 'agents', kind: 'subgraph', defaultPort: 8200, portEnv: 'AGENTS_PORT', dir: 'subgraphs/agents' },
] as const satisfies readonly ServiceSpec[];

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const GATEWAY: ServiceSpec = { name: 'gateway', kind: 'gateway', defaultPort: 8000, portEnv: 'GATEWAY_PORT', dir: 'gateway' };
export const LAUNCHER_PORT = { defaultPort: 3500, portEnv: 'LAUNCHER_PORT' } as const;
export const DASHBOARD_PORT = { defaultPort: 3101, portEnv: 'DASHBOARD_PORT' } as const;
export const BUS_PORT = { defaultPort: 3510, portEnv: 'BUS_PORT' } as const;

export function portOf(spec: { defaultPort: number; portEnv: string }, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[spec.portEnv];
  if (raw === undefined || raw === '') return spec.defaultPort;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${spec.portEnv} must be a TCP port number, got "${raw}"`);
  }
  return port;
}

export function subgraphPort(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): number {
  const spec = SUBGRAPHS.find((s) => s.name === name);
  if (!spec) throw new Error(`unknown subgraph ${name}`);
  return portOf(spec, env);
}

/** URL of a subgraph's GraphQL endpoint; `<NAME>_URL` wins over host+port so services can live elsewhere. */
export function subgraphUrl(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[`${name.toUpperCase()}_URL`];
  if (explicit) return explicit;
  return `http://127.0.0.1:${subgraphPort(name, env)}/graphql`;
}

/** The bus every process uses unless BUS_URL says otherwise: the launcher's embedded MQTT broker. */
export function busUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.BUS_URL || `mqtt://127.0.0.1:${portOf(BUS_PORT, env)}`;
}
