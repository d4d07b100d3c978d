import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray, type PubSub } from 'type-graphql';
import { roleAuthChecker } from '../auth/auth-checker';
import { DecimalScalar } from './decimal.scalar';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

/** Resolves an entity representation `{ __typename, ...keyFields }` to the owning subgraph's object. */
export type ReferenceResolver<TContext> = (reference: Record<string, unknown>, context: TContext) => unknown;

export interface FederatedSchemaOptions<TContext> {
  // type-graphql resolver classes are plain constructors; the library types them as Function.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  references?: Record<string, ReferenceResolver<TContext>>;
  pubSub?: PubSub;
}

/** No-op PubSub: our subscriptions supply their own iterators, but type-graphql insists on one. */
const unusedPubSub: PubSub = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error('topic-based subscriptions are not used; pass `subscribe` to @Subscription');
  },
};

/**
 * type-graphql classes → federation v2 subgraph schema. The class schema is printed with its
 * directives (@key…) and rebuilt by @apollo/subgraph, which adds _service/_entities.
 */
export async function buildFederatedSchema<TContext>(options: FederatedSchemaOptions<TContext>): Promise<GraphQLSchema> {
  const classSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    authChecker: roleAuthChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false },
    pubSub: options.pubSub ?? unusedPubSub,
    scalarsMap: [],
    directives: [],
  });
  const resolvers = createResolversMap(classSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, resolveReference] of Object.entries(options.references ?? {})) {
    const existing = (resolvers[typeName] ?? {}) as Record<string, unknown>;
    resolvers[typeName] = { ...existing, __resolveReference: resolveReference } as GraphQLResolverMap<unknown>[string];
  }
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(classSchema)}`;
  return buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
}

export { DecimalScalar };
