import { join } from 'node:path';
import { emitSubgraphSdl } from '@b3/kit';
import { buildIdeasSchema } from './schema';

void emitSubgraphSdl(buildIdeasSchema, join(__dirname, '..', 'schema.graphql'));
