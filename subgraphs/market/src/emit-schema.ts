import { join } from 'node:path';
import { emitSubgraphSdl } from '@b3/kit';
import { buildMarketSchema } from './schema';

void emitSubgraphSdl(buildMarketSchema, join(__dirname, '..', 'schema.graphql'));
