import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { type GraphQLSchema, parse } from 'graphql';
import type { SubgraphEndpoint } from './config';

export class CompositionError extends Error {}

export interface Supergraph {
  supergraphSdl: string;
  /** The client-facing schema (what IDEs and graphql-ws validate against). */
  apiSchema: GraphQLSchema;
}

/**
 * Composes the supergraph from each subgraph's committed SDL. Any failure names the subgraph (and,
 * through composition's own messages, the type and field) and stops start-up.
 */
export function composeSupergraph(subgraphs: readonly SubgraphEndpoint[]): Supergraph {
  const services = subgraphs.map((s) => {
    let sdl: string;
    try {
      sdl = readFileSync(s.sdlFile, 'utf8');
    } catch {
      throw new CompositionError(`[${s.name}] schema file ${s.sdlFile} is missing: run \`npm run schema\``);
    }
    try {
      return { name: s.name, url: s.url, typeDefs: parse(sdl) };
    } catch (error) {
      throw new CompositionError(`[${s.name}] ${s.sdlFile} does not parse: ${(error as Error).message}`);
    }
  });
  const result = composeServices(services);
  if (result.errors) {
    const lines = result.errors.map((e) => {
      const where = (e.nodes ?? [])
        .map((n) => (n as { subgraph?: string }).subgraph)
        .filter((x): x is string => Boolean(x));
      const prefix = where.length ? `[${[...new Set(where)].join(', ')}] ` : '';
      return `  - ${prefix}${e.message}${e.extensions?.code ? ` (${String(e.extensions.code)})` : ''}`;
    });
    throw new CompositionError(`supergraph composition failed:\n${lines.join('\n')}`);
  }
  return {
    supergraphSdl: result.supergraphSdl,
    apiSchema: result.schema.toAPISchema().toGraphQLJSSchema(),
  };
}
