import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { createLogger, type RunningSubgraph, signUserToken, startSubgraph, type SubgraphContext, type Role } from '@b3/kit';
import { type DocumentNode, parse } from 'graphql';
import { type GatewayConfig, loadGatewayConfig, REPO_ROOT } from '../src/config';
import { startGateway } from '../src/gateway';
import { loadSecurityConfig, type SecurityConfig } from '../src/security/security-config';

export const TEST_JWT_SECRET = 'harness-jwt-secret';
const INTERNAL_SECRET = 'harness-internal-secret';

export interface TestSubgraph {
  name: string;
  /** Federation SDL without the `@link` line, which the harness adds. */
  typeDefs: string;
  resolvers: Record<string, Record<string, unknown>>;
}

export interface TestGatewayOptions {
  subgraphs?: TestSubgraph[];
  /** Overrides of the security settings (defaults are the development ones). */
  security?: Partial<Omit<SecurityConfig, 'limits' | 'rateLimits'>> & {
    limits?: Partial<SecurityConfig['limits']>;
    rateLimits?: Partial<SecurityConfig['rateLimits']>;
  };
  /** Extra env read by `loadGatewayConfig` for settings the harness does not set itself. */
  env?: NodeJS.ProcessEnv;
}

export interface TestGateway {
  url: string;
  wsUrl: string;
  /** Operations the named subgraph has received so far (queries, mutations and entity fetches). */
  subgraphRequests(name: string): number;
  /** A user token the gateway accepts. */
  token(sub: string, roles: readonly Role[]): Promise<string>;
  /** The SDL file the gateway composes for the named subgraph (rewrite it to test re-composition). */
  sdlFile(name: string): string;
  stop(): Promise<void>;
}

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

/** One market-like subgraph: a recursive type (for depth and cost), a mutation and a resolver that fails. */
export const MARKET_SUBGRAPH: TestSubgraph = {
  name: 'market',
  typeDefs: `
    type Ticker @key(fields: "symbol") { symbol: String! price: String! related: [Ticker!]! }
    type Query { ticker(symbol: String!): Ticker tickers: [Ticker!]! failing: String whoami: String }
    type Mutation { touch(symbol: String!): String }
  `,
  resolvers: {
    Query: {
      ticker: (_: unknown, args: { symbol: string }) => ({ symbol: args.symbol }),
      tickers: () => [{ symbol: 'PETR4' }, { symbol: 'VALE3' }],
      failing: () => {
        throw new Error('connection to postgres://trader:hunter2@10.0.0.3/market refused');
      },
      whoami: (_: unknown, __: unknown, context: SubgraphContext) => context.viewer?.id ?? null,
    },
    Mutation: { touch: (_: unknown, args: { symbol: string }) => args.symbol },
    Ticker: {
      price: () => '38.01',
      related: () => [{ symbol: 'ITUB4' }],
    },
  },
};

/**
 * The real gateway in-process on port 0 in front of tiny subgraphs that count what reaches them, so a
 * test can prove a rejected request never left the gateway.
 */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const logger = createLogger('harness', process.env.LOG_LEVEL ?? 'silent');
  const dir = mkdtempSync(join(tmpdir(), 'b3-gateway-harness-'));
  const counts = new Map<string, number>();
  const running: RunningSubgraph[] = [];
  try {
    for (const spec of options.subgraphs ?? [MARKET_SUBGRAPH]) {
      const typeDefs: DocumentNode = parse(`${LINK}\n${spec.typeDefs}`);
      const schema = buildSubgraphSchema({ typeDefs, resolvers: spec.resolvers as never });
      writeFileSync(join(dir, `${spec.name}.graphql`), printSubgraphSchema(schema));
      counts.set(spec.name, 0);
      running.push(
        await startSubgraph({
          name: spec.name,
          port: 0,
          host: '127.0.0.1',
          schema,
          secret: INTERNAL_SECRET,
          logger,
          context: (base) => {
            counts.set(spec.name, (counts.get(spec.name) ?? 0) + 1);
            return base;
          },
        }),
      );
    }

    const defaults = loadSecurityConfig(REPO_ROOT, {});
    const overrides = options.security ?? {};
    const base = loadGatewayConfig({ NODE_ENV: 'test', ...options.env });
    const config: GatewayConfig = {
      ...base,
      port: 0,
      host: '127.0.0.1',
      subgraphs: running.map((s) => ({ name: s.name, url: s.url, sdlFile: join(dir, `${s.name}.graphql`) })),
      auth: { kind: 'hs256', secret: TEST_JWT_SECRET },
      internalSecret: INTERNAL_SECRET,
      security: {
        ...defaults,
        ...overrides,
        limits: { ...defaults.limits, ...overrides.limits },
        rateLimits: { ...defaults.rateLimits, ...overrides.rateLimits },
      },
    };
    const gateway = await startGateway(config, logger);
    return {
      url: gateway.url,
      wsUrl: gateway.url.replace(/^http/, 'ws'),
      subgraphRequests: (name) => {
        const count = counts.get(name);
        if (count === undefined) throw new Error(`no test subgraph named ${name}`);
        return count;
      },
      token: (sub, roles) => signUserToken({ sub, roles }, TEST_JWT_SECRET),
      sdlFile: (name) => join(dir, `${name}.graphql`),
      async stop() {
        await gateway.stop();
        await Promise.all(running.map((s) => s.stop()));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(running.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
