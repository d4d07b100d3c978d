import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { subgraphSdl } from '@b3/kit';
import { type GraphQLSchema, printSchema } from 'graphql';
import { buildBridgeSchema } from '../../native-bridge/src/schema';
import { buildAgentsSchema } from '../../subgraphs/agents/src/schema';
import { buildDocsSchema } from '../../subgraphs/docs/src/schema';
import { buildIdeasSchema } from '../../subgraphs/ideas/src/schema';
import { buildMarketSchema } from '../../subgraphs/market/src/schema';
import { buildOrdersSchema } from '../../subgraphs/orders/src/schema';
import { buildSignalsSchema } from '../../subgraphs/signals/src/schema';
import { loadGatewayConfig, REPO_ROOT } from '../src/config';
import { composeSupergraph } from '../src/supergraph';

/** The committed SDL is what the gateway composes, so it must match the code: run `npm run schema`. */
const builders: Record<string, () => Promise<GraphQLSchema>> = {
  bridge: buildBridgeSchema,
  market: buildMarketSchema,
  orders: buildOrdersSchema,
  ideas: buildIdeasSchema,
  signals: buildSignalsSchema,
  docs: buildDocsSchema,
  agents: buildAgentsSchema,
};

describe('committed schemas', () => {
  const config = loadGatewayConfig({});

  it.each(config.subgraphs.map((s) => [s.name, s.sdlFile]))('%s/schema.graphql matches the resolvers', async (name, file) => {
    expect(readFileSync(file, 'utf8')).toBe(subgraphSdl(await builders[name]()));
  });

  it('supergraph.graphql is the composition of the committed subgraph schemas', () => {
    const committed = readFileSync(join(REPO_ROOT, 'supergraph.graphql'), 'utf8');
    expect(committed).toBe(composeSupergraph(config.subgraphs).supergraphSdl.trimEnd() + '\n');
  });

  it('api.graphql is the client-facing schema of that supergraph', () => {
    const committed = readFileSync(join(REPO_ROOT, 'api.graphql'), 'utf8');
    expect(committed).toBe(printSchema(composeSupergraph(config.subgraphs).apiSchema).trimEnd() + '\n');
  });
});
