import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { AgentsContext } from '../context';
import type { Recommendation } from '../domain/recommendation';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../services/recommendation.service';
import { RecommendationFilterInput } from './agent.inputs';
import {
  RecommendationConnectionType,
  RecommendationEdgeType,
  RecommendationPageInfoType,
  RecommendationType,
  toRecommendationType,
} from './recommendation.type';

/** Thin: arguments in, one service call, GraphQL types out. Roles from @Authorized, visibility in the service. */
@Resolver(() => RecommendationType)
export class RecommendationResolver {
  @Authorized('viewer')
  @Query(() => RecommendationConnectionType, { description: 'The decision history, newest first, a page at a time (own account; admin: any)' })
  async recommendations(
    @Ctx() ctx: AgentsContext,
    @Arg('filter', () => RecommendationFilterInput, { nullable: true }) filter: RecommendationFilterInput | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `1 to ${MAX_PAGE_SIZE}` }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<RecommendationConnectionType> {
    const page = await ctx.services.recommendations.page(ctx.viewer!, filter ?? {}, { first, after });
    const edges = page.edges.map((e) => Object.assign(new RecommendationEdgeType(), { cursor: e.cursor, node: toRecommendationType(e.recommendation) }));
    const pageInfo = Object.assign(new RecommendationPageInfoType(), { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null });
    return Object.assign(new RecommendationConnectionType(), { edges, pageInfo });
  }

  @Authorized('viewer')
  @Query(() => RecommendationType, { nullable: true, description: 'One recommendation the caller may see' })
  async recommendation(@Arg('id', () => ID) id: string, @Ctx() ctx: AgentsContext): Promise<RecommendationType | null> {
    const found = await ctx.services.recommendations.byId(ctx.viewer!, id);
    return found ? toRecommendationType(found) : null;
  }

  @Authorized('viewer')
  @Subscription(() => RecommendationType, {
    description: "Each new recommendation for the caller's account (an admin: the one named, or every account)",
    subscribe: ({ args, context }) => {
      const ctx = context as AgentsContext;
      return ctx.services.recommendations.watch(ctx.viewer!, (args as { account?: string | null }).account);
    },
  })
  recommendationCreated(@Root() recommendation: Recommendation, @Arg('account', () => String, { nullable: true }) _account: string | null): RecommendationType {
    return toRecommendationType(recommendation);
  }

  @FieldResolver(() => String, { nullable: true, description: 'LLM commentary when AGENTS_LLM_URL is configured; never part of the decision' })
  commentary(@Root() recommendation: RecommendationType, @Ctx() ctx: AgentsContext): Promise<string | null> {
    return ctx.services.commentary.forRecommendation(recommendation.source);
  }
}
