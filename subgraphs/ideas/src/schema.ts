import { buildFederatedSchema } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import type { IdeasContext } from './context';
import type { IdeaId } from './domain/idea';
import { CategoryResolver } from './graphql/category.resolver';
import { IdeaResolver } from './graphql/idea.resolver';
import { toIdeaType } from './graphql/idea.type';

export function buildIdeasSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<IdeasContext>({
    resolvers: [IdeaResolver, CategoryResolver],
    references: {
      Idea: async (ref, ctx) => {
        const idea = await ctx.loaders.idea.load(String(ref.id) as IdeaId);
        return idea ? toIdeaType(idea) : null;
      },
    },
  });
}
