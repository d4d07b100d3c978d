import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGatewayConfig, REPO_ROOT } from './config';
import { composeSupergraph } from './supergraph';

/** `npm run schema` ends here: writes the composed supergraph.graphql that is committed for review. */
const supergraph = composeSupergraph(loadGatewayConfig().subgraphs);
writeFileSync(join(REPO_ROOT, 'supergraph.graphql'), supergraph.supergraphSdl.trimEnd() + '\n');
