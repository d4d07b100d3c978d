import { writeFileSync } from 'node:fs';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';

/**
 * The SDL a subgraph contributes to the supergraph. It is committed next to the subgraph
 * (`schema.graphql`) so schema changes show in review and the gateway composes without any network.
 */
export function subgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema).trimEnd() + '\n';
}

export async function emitSubgraphSdl(build: () => Promise<GraphQLSchema>, outFile: string): Promise<void> {
  writeFileSync(outFile, subgraphSdl(await build()));
}
