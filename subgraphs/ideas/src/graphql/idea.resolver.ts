import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { IdeaId } from '../domain/idea';
import type { IdeasContext } from '../context';
import { IdeaErrors } from '../errors';
import { CreateIdeaInput } from './idea.inputs';
import { IdeaType, toIdeaType } from './idea.type';

@Resolver(() => IdeaType)
export class IdeaResolver {
  @Query(() => [IdeaType], { description: 'Newest ideas first, optionally for one symbol' })
  async ideas(
    @Ctx() ctx: IdeasContext,
    @Arg('symbol', { nullable: true }) symbol?: string,
    @Arg('limit', () => Int, { nullable: true }) limit?: number,
  ): Promise<IdeaType[]> {
    return (await ctx.ideas.list({ symbol, limit })).map(toIdeaType);
  }

  @Query(() => IdeaType)
  async idea(@Arg('id', () => ID) id: string, @Ctx() ctx: IdeasContext): Promise<IdeaType> {
    const idea = await ctx.loaders.idea.load(id as IdeaId);
    if (!idea) throw IdeaErrors.notFound(id);
    return toIdeaType(idea);
  }

  @Authorized('trader')
  @Mutation(() => IdeaType, { description: 'Adds an idea to the bank (trader role)' })
  async createIdea(@Arg('input') input: CreateIdeaInput, @Ctx() ctx: IdeasContext): Promise<IdeaType> {
    return toIdeaType(await ctx.ideas.create(input, ctx.viewer!));
  }
}
