import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DocsContext } from '../context';
import { DOC_IDEA_STATUSES, type DocIdeaId } from '../domain/doc-idea';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../services/doc-idea.service';
import { DocFileType, toDocFileType } from './doc-file.type';
import { CreateDocIdeaInput, UpdateDocIdeaInput } from './doc-idea.inputs';
import { DocIdeaColumnType, DocIdeaConnectionType, DocIdeaEdgeType, DocIdeaPageInfoType, DocIdeaStatusEnum, DocIdeaType, toDocIdeaType } from './doc-idea.type';
import { SystemType, toSystemType } from './system.type';

/** Thin: arguments in, one service call, GraphQL types out. */
@Resolver(() => DocIdeaType)
export class DocIdeaResolver {
  @Query(() => [DocIdeaColumnType], { description: 'Every column, left to right, each in order' })
  async docIdeaBoard(
    @Ctx() ctx: DocsContext,
    @Arg('first', () => Int, { defaultValue: 100, description: `Cards per column, 1 to ${MAX_PAGE_SIZE}` }) first: number,
  ): Promise<DocIdeaColumnType[]> {
    const { counts, ideas } = await ctx.ideas.board(first);
    return DOC_IDEA_STATUSES.map((status) =>
      Object.assign(new DocIdeaColumnType(), { status: status as DocIdeaStatusEnum, totalCount: counts[status], ideas: ideas.filter((i) => i.status === status).map(toDocIdeaType) }),
    );
  }

  @Query(() => DocIdeaConnectionType, { description: 'One column in order, a page at a time' })
  async docIdeas(
    @Ctx() ctx: DocsContext,
    @Arg('status', () => DocIdeaStatusEnum) status: DocIdeaStatusEnum,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `1 to ${MAX_PAGE_SIZE}` }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<DocIdeaConnectionType> {
    const page = await ctx.ideas.column(status, { first, after });
    const edges = page.edges.map((e) => Object.assign(new DocIdeaEdgeType(), { cursor: e.cursor, node: toDocIdeaType(e.idea) }));
    const pageInfo = Object.assign(new DocIdeaPageInfoType(), { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null });
    return Object.assign(new DocIdeaConnectionType(), { edges, pageInfo, totalCount: page.totalCount });
  }

  @Query(() => DocIdeaType, { nullable: true })
  async docIdea(@Arg('id', () => ID) id: string, @Ctx() ctx: DocsContext): Promise<DocIdeaType | null> {
    const idea = await ctx.loaders.idea.load(id as DocIdeaId);
    return idea ? toDocIdeaType(idea) : null;
  }

  @FieldResolver(() => SystemType, { nullable: true, description: 'The system it documents' })
  async system(@Root() idea: DocIdeaType, @Ctx() ctx: DocsContext): Promise<SystemType | null> {
    const system = idea.record.systemId ? await ctx.loaders.system.load(idea.record.systemId) : null;
    return system ? toSystemType(system) : null;
  }

  @FieldResolver(() => [DocFileType], { description: 'Attached files; private ones only for signed-in viewers' })
  async files(@Root() idea: DocIdeaType, @Ctx() ctx: DocsContext): Promise<DocFileType[]> {
    const files = await ctx.loaders.filesByIdea.load(idea.record.id);
    return files.filter((f) => f.public || ctx.viewer).map(toDocFileType);
  }

  @Authorized('trader')
  @Mutation(() => DocIdeaType, { description: 'Adds a card (trader), last in its column unless a position is given' })
  async createDocIdea(@Arg('input', () => CreateDocIdeaInput) input: CreateDocIdeaInput, @Ctx() ctx: DocsContext): Promise<DocIdeaType> {
    return toDocIdeaType(await ctx.ideas.create(ctx.viewer, input));
  }

  @Authorized('trader')
  @Mutation(() => DocIdeaType, { description: 'Changes a card (trader)' })
  async updateDocIdea(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateDocIdeaInput) input: UpdateDocIdeaInput, @Ctx() ctx: DocsContext): Promise<DocIdeaType> {
    return toDocIdeaType(await ctx.ideas.update(ctx.viewer, id, input));
  }

  @Authorized('trader')
  @Mutation(() => DocIdeaType, { description: 'Moves a card to a column and a 0-based position in it (past the end: last); both columns are renumbered (trader)' })
  async moveDocIdea(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => DocIdeaStatusEnum) status: DocIdeaStatusEnum,
    @Arg('position', () => Int) position: number,
    @Ctx() ctx: DocsContext,
  ): Promise<DocIdeaType> {
    return toDocIdeaType(await ctx.ideas.move(ctx.viewer, id, status, position));
  }

  @Authorized('trader')
  @Mutation(() => Boolean, { description: 'Deletes a card and its files (trader)' })
  deleteDocIdea(@Arg('id', () => ID) id: string, @Ctx() ctx: DocsContext): Promise<boolean> {
    return ctx.ideas.remove(ctx.viewer, id);
  }
}
