import { join } from 'node:path';
import { emitSubgraphSdl } from '@b3/kit';
import { buildDocsSchema } from './schema';

void emitSubgraphSdl(buildDocsSchema, join(__dirname, '..', 'schema.graphql'));
