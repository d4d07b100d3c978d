import { buildFederatedSchema } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import type { DocsContext } from './context';
import type { SystemId } from './domain/system';
import { PlatformStatusResolver } from './graphql/platform-status.resolver';
import { SystemResolver } from './graphql/system.resolver';
import { toSystemType } from './graphql/system.type';

export function buildDocsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<DocsContext>({
    resolvers: [SystemResolver, PlatformStatusResolver],
    references: {
      System: async (ref, ctx) => {
        const system = await ctx.loaders.system.load(String(ref.id) as SystemId);
        return system ? toSystemType(system) : null;
      },
    },
  });
}
