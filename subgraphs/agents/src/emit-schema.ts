import { join } from 'node:path';
import { emitSubgraphSdl } from '@b3/kit';
import { buildAgentsSchema } from './schema';

void emitSubgraphSdl(buildAgentsSchema, join(__dirname, '..', 'schema.graphql'));
