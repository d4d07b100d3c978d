import { join } from 'node:path';
import { emitSubgraphSdl } from '@b3/kit';
import { buildOrdersSchema } from './schema';

void emitSubgraphSdl(buildOrdersSchema, join(__dirname, '..', 'schema.graphql'));
