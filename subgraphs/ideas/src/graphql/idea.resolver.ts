import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { IdeasContext } from '../context';
import type { IdeaId } from '../domain/idea';
import { DEFAULT_ORDER } from '../domain/idea-filter';
import { IDEA_STATUSES, nextStatuses } from '../domain/idea-status';
import type { IdeaEvent } from '../services/idea-events';
import { DEFAULT_PAGE_SIZE, DEFAULT_STATS_WEEKS, MAX_BULK, MAX_PAGE_SIZE, MAX_STATS_WEEKS } from '../services/idea.service';
import { IdeaCategoryType, toCategoryType } from './category.type';
import { IdeaChangeKindEnum, IdeaOrderByEnum, IdeaPriorityEnum, IdeaStatusEnum } from './idea.enums';
import { BulkUpdateIdeasInput, CreateIdeaInput, IdeaFilterInput, UpdateIdeaInput } from './idea.inputs';
import {
  BulkIdeaProblemType,
  BulkUpdateIdeasPayloadType,
  IdeaCategoryCountType,
  IdeaChangedEventType,
  IdeaChangeType,
  IdeaConnectionType,
  IdeaEdgeType,
  IdeaPageInfoType,
  IdeaPriorityCountType,
  IdeaStatsType,
  IdeaStatusCountType,
  IdeaStatusTransitionType,
  IdeaType,
  IdeaWeekCountType,
  toChangeType,
  toIdeaType,
} from './idea.type';

const toEventType = (e: IdeaEvent): IdeaChangedEventType =>
  Object.assign(new IdeaChangedEventType(), { kind: e.kind as IdeaChangeKindEnum, idea: toIdeaType(e.idea), fields: [...e.fields], actorId: e.actorId, at: e.at });

/** Thin: arguments in, one service call, GraphQL types out. Roles come from @Authorized. */
@Resolver(() => IdeaType)
export class IdeaResolver {
  @Query(() => IdeaConnectionType, { description: 'Filtered and sorted, a page at a time (keyset cursors: stable while ideas are added)' })
  async ideas(
    @Ctx() ctx: IdeasContext,
    @Arg('filter', () => IdeaFilterInput, { nullable: true }) filter: IdeaFilterInput | null,
    @Arg('orderBy', () => IdeaOrderByEnum, { nullable: true, defaultValue: DEFAULT_ORDER }) orderBy: IdeaOrderByEnum | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `1 to ${MAX_PAGE_SIZE}` }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page' }) after: string | null,
  ): Promise<IdeaConnectionType> {
    const page = await ctx.ideas.list(filter, orderBy ?? DEFAULT_ORDER, { first, after });
    const edges = page.edges.map((e) => Object.assign(new IdeaEdgeType(), { cursor: e.cursor, node: toIdeaType(e.idea) }));
    const pageInfo = Object.assign(new IdeaPageInfoType(), { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null });
    return Object.assign(new IdeaConnectionType(), { edges, nodes: edges.map((e) => e.node), pageInfo, totalCount: page.totalCount });
  }

  @Query(() => IdeaType, { nullable: true })
  async idea(@Arg('id', () => ID) id: string, @Ctx() ctx: IdeasContext): Promise<IdeaType | null> {
    const found = await ctx.loaders.idea.load(id as IdeaId);
    return found ? toIdeaType(found) : null;
  }

  @Query(() => [IdeaChangeType], { description: 'An idea’s history, oldest first; still there after the idea was deleted' })
  async ideaHistory(@Arg('id', () => ID) id: string, @Ctx() ctx: IdeasContext): Promise<IdeaChangeType[]> {
    return (await ctx.loaders.history.load(id as IdeaId)).map(toChangeType);
  }

  @Query(() => IdeaStatsType, { description: 'Counts by status, priority and category, and per ISO week (UTC) over the last `weeks` weeks' })
  async ideaStats(
    @Ctx() ctx: IdeasContext,
    @Arg('filter', () => IdeaFilterInput, { nullable: true }) filter: IdeaFilterInput | null,
    @Arg('weeks', () => Int, { nullable: true, defaultValue: DEFAULT_STATS_WEEKS, description: `1 to ${MAX_STATS_WEEKS}` }) weeks: number | null,
  ): Promise<IdeaStatsType> {
    const stats = await ctx.ideas.stats(filter, weeks ?? DEFAULT_STATS_WEEKS);
    const categories = await ctx.loaders.category.loadMany(stats.byCategory.map((c) => c.categoryId));
    return Object.assign(new IdeaStatsType(), {
      total: stats.total,
      byStatus: stats.byStatus.map((s) => Object.assign(new IdeaStatusCountType(), { status: s.status as IdeaStatusEnum, count: s.count })),
      byPriority: stats.byPriority.map((p) => Object.assign(new IdeaPriorityCountType(), { priority: p.priority as IdeaPriorityEnum, count: p.count })),
      byCategory: stats.byCategory.flatMap((c, i) => {
        const category = categories[i];
        // A category deleted between the two reads has no ideas any more: nothing to show.
        return category && !(category instanceof Error) ? [Object.assign(new IdeaCategoryCountType(), { category: toCategoryType(category), count: c.count })] : [];
      }),
      weeks: stats.weeks.map((w) => Object.assign(new IdeaWeekCountType(), w)),
    });
  }

  @Query(() => [IdeaStatusTransitionType], { description: 'The status transition table: from each status, where an idea may move' })
  ideaStatusTransitions(): IdeaStatusTransitionType[] {
    return IDEA_STATUSES.map((from) => Object.assign(new IdeaStatusTransitionType(), { from: from as IdeaStatusEnum, to: nextStatuses(from).map((s) => s as IdeaStatusEnum) }));
  }

  @FieldResolver(() => IdeaCategoryType)
  async category(@Root() idea: IdeaType, @Ctx() ctx: IdeasContext): Promise<IdeaCategoryType> {
    // ON DELETE RESTRICT: an idea's category always exists.
    return toCategoryType((await ctx.loaders.category.load(idea.record.categoryId))!);
  }

  @FieldResolver(() => [IdeaStatusEnum], { description: 'Where the status may move next' })
  allowedStatuses(@Root() idea: IdeaType): IdeaStatusEnum[] {
    return nextStatuses(idea.record.status).map((s) => s as IdeaStatusEnum);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may change or delete it (its author, or an admin)' })
  viewerCanEdit(@Root() idea: IdeaType, @Ctx() ctx: IdeasContext): boolean {
    return ctx.ideas.canEdit(ctx.viewer, idea.record);
  }

  @FieldResolver(() => [IdeaChangeType], { description: 'Who changed what, oldest first' })
  async history(@Root() idea: IdeaType, @Ctx() ctx: IdeasContext): Promise<IdeaChangeType[]> {
    return (await ctx.loaders.history.load(idea.record.id)).map(toChangeType);
  }

  @Authorized('trader')
  @Mutation(() => IdeaType, { description: 'Files an idea, status NEW (trader)' })
  async createIdea(@Arg('input', () => CreateIdeaInput) input: CreateIdeaInput, @Ctx() ctx: IdeasContext): Promise<IdeaType> {
    return toIdeaType(await ctx.ideas.create(ctx.viewer!, input));
  }

  @Authorized('trader')
  @Mutation(() => IdeaType, { description: 'Changes an idea (its author, or an admin); a status change must be an allowed move' })
  async updateIdea(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateIdeaInput) input: UpdateIdeaInput, @Ctx() ctx: IdeasContext): Promise<IdeaType> {
    return toIdeaType(await ctx.ideas.update(ctx.viewer!, id, input));
  }

  @Authorized('trader')
  @Mutation(() => Boolean, { description: 'Deletes an idea (its author, or an admin); its history stays' })
  deleteIdea(@Arg('id', () => ID) id: string, @Ctx() ctx: IdeasContext): Promise<boolean> {
    return ctx.ideas.remove(ctx.viewer!, id);
  }

  @Authorized('trader')
  @Mutation(() => BulkUpdateIdeasPayloadType, { description: `Sets status and/or priority of 1 to ${MAX_BULK} ideas, all or nothing, in one transaction` })
  async bulkUpdateIdeas(@Arg('input', () => BulkUpdateIdeasInput) input: BulkUpdateIdeasInput, @Ctx() ctx: IdeasContext): Promise<BulkUpdateIdeasPayloadType> {
    const result = await ctx.ideas.bulkUpdate(ctx.viewer!, input);
    return Object.assign(new BulkUpdateIdeasPayloadType(), {
      applied: result.applied,
      ideas: result.ideas.map(toIdeaType),
      changed: result.changed,
      problems: result.problems.map((p) => Object.assign(new BulkIdeaProblemType(), p)),
    });
  }

  @Subscription(() => IdeaChangedEventType, {
    description: 'Every idea created, changed or deleted, once stored',
    subscribe: ({ context }) => (context as IdeasContext).events.changes(),
  })
  ideaChanged(@Root() event: IdeaEvent): IdeaChangedEventType {
    return toEventType(event);
  }
}
