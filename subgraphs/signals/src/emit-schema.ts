import { join } from 'node:path';
import { emitSubgraphSdl } from '@b3/kit';
import { buildSignalsSchema } from './schema';

void emitSubgraphSdl(buildSignalsSchema, join(__dirname, '..', 'schema.graphql'));
