import { join } from 'node:path';
import { emitSubgraphSdl } from '@b3/kit';
import { buildBridgeSchema } from './schema';

void emitSubgraphSdl(buildBridgeSchema, join(__dirname, '..', 'schema.graphql'));
