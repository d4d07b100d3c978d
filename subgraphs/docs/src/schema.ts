import { buildFederatedSchema } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import type { DocsContext } from './context';
import type { DocIdeaId } from './domain/doc-idea';
import type { SystemId } from './domain/system';
import { DocFileResolver } from './graphql/doc-file.resolver';
import { DocIdeaResolver } from './graphql/doc-idea.resolver';
import { toDocIdeaType } from './graphql/doc-idea.type';
import { PlatformStatusResolver } from './graphql/platform-status.resolver';
import { SystemResolver } from './graphql/system.resolver';
import { toSystemType } from './graphql/system.type';

export function buildDocsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<DocsContext>({
    resolvers: [SystemResolver, PlatformStatusResolver, DocIdeaResolver, DocFileResolver],
    references: {
      System: async (ref, ctx) => {
        const system = await ctx.loaders.system.load(String(ref.id) as SystemId);
        return system ? toSystemType(system) : null;
      },
      DocIdea: async (ref, ctx) => {
        const idea = await ctx.loaders.idea.load(String(ref.id) as DocIdeaId);
        return idea ? toDocIdeaType(idea) : null;
      },
    },
  });
}
