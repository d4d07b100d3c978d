import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { join } from 'node:path';
import { loadGatewayConfig, REPO_ROOT } from './config';
import { composeSupergraph } from './supergraph';

/**
 * `npm run schema` ends here: writes the composed supergraph.graphql (what the gateway serves) and
 * api.graphql (what clients see; the input of codegen), both committed for review.
 */
const supergraph = composeSupergraph(loadGatewayConfig().subgraphs);
writeFileSync(join(REPO_ROOT, 'supergraph.graphql'), supergraph.supergraphSdl.trimEnd() + '\n');
writeFileSync(join(REPO_ROOT, 'api.graphql'), printSchema(supergraph.apiSchema).trimEnd() + '\n');
