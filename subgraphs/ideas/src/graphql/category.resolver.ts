import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { IdeasContext } from '../context';
import type { CategoryId } from '../domain/idea';
import { IdeaCategoryType, toCategoryType } from './category.type';
import { IdeaCategoryInput } from './idea.inputs';

/** Thin: arguments in, one service call, GraphQL types out. Roles come from @Authorized. */
@Resolver(() => IdeaCategoryType)
export class CategoryResolver {
  @Query(() => [IdeaCategoryType], { description: 'In listing order; only active ones unless includeInactive' })
  async ideaCategories(
    @Ctx() ctx: IdeasContext,
    @Arg('includeInactive', () => Boolean, { nullable: true, defaultValue: false }) includeInactive: boolean | null,
  ): Promise<IdeaCategoryType[]> {
    return (await ctx.categories.list(includeInactive ?? false)).map(toCategoryType);
  }

  @Query(() => IdeaCategoryType, { nullable: true })
  async ideaCategory(@Arg('id', () => ID) id: string, @Ctx() ctx: IdeasContext): Promise<IdeaCategoryType | null> {
    const found = await ctx.loaders.category.load(id as CategoryId);
    return found ? toCategoryType(found) : null;
  }

  @FieldResolver(() => Int, { description: 'Ideas filed under it' })
  ideaCount(@Root() category: IdeaCategoryType, @Ctx() ctx: IdeasContext): Promise<number> {
    return ctx.loaders.categoryIdeaCount.load(category.id as CategoryId);
  }

  @Authorized('admin')
  @Mutation(() => IdeaCategoryType, { description: 'Adds a category (admin)' })
  async createIdeaCategory(@Arg('input', () => IdeaCategoryInput) input: IdeaCategoryInput, @Ctx() ctx: IdeasContext): Promise<IdeaCategoryType> {
    return toCategoryType(await ctx.categories.create(ctx.viewer!, input));
  }

  @Authorized('admin')
  @Mutation(() => IdeaCategoryType, { description: 'Changes a category; active: false stops new ideas going in (admin)' })
  async updateIdeaCategory(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => IdeaCategoryInput) input: IdeaCategoryInput,
    @Ctx() ctx: IdeasContext,
  ): Promise<IdeaCategoryType> {
    return toCategoryType(await ctx.categories.update(ctx.viewer!, id, input));
  }

  @Authorized('admin')
  @Mutation(() => Boolean, { description: 'Only a category without ideas; CONFLICT with their count otherwise (deactivate it instead) (admin)' })
  deleteIdeaCategory(@Arg('id', () => ID) id: string, @Ctx() ctx: IdeasContext): Promise<boolean> {
    return ctx.categories.delete(ctx.viewer!, id);
  }
}
