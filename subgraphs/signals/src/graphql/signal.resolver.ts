import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { SignalsContext } from '../context';
import { messageLink, type Channel, type MessageRecord, type Signal, type SignalStatus } from '../domain/signal';
import type { SignalParse } from '../domain/signal-parse';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../services/signal.service';
import {
  PostSignalMessageInput,
  SignalChannelInput,
  SignalFilterInput,
  SignalMessageFilterInput,
  TelegramChatInput,
  TelegramMessageInput,
} from './signal.inputs';
import {
  PostedSignalMessageType,
  SignalChannelType,
  SignalConnectionType,
  SignalEdgeType,
  SignalMessageConnectionType,
  SignalMessageType,
  SignalPageInfoType,
  SignalParseResultType,
  SignalRevisionType,
  SignalStatusEnum,
  SignalType,
  SignalUpdateType,
  TelegramImportResultType,
  toSignalType,
} from './signal.type';

const toChannelType = (c: Channel): SignalChannelType => Object.assign(new SignalChannelType(), c);
const toMessageType = (m: MessageRecord): SignalMessageType => Object.assign(new SignalMessageType(), m);

function toParseResult(parse: SignalParse): SignalParseResultType {
  return Object.assign(new SignalParseResultType(), {
    status: parse.status,
    signal: parse.status === 'SIGNAL' ? { ...parse.signal, targets: [...parse.signal.targets] } : null,
    update: parse.status === 'UPDATE' ? parse.update : null,
    reason: parse.status === 'IGNORED' ? parse.reason : null,
  });
}

/** Thin: arguments in, one service call, GraphQL types out. Roles come from @Authorized. */
@Resolver(() => SignalType)
export class SignalResolver {
  @Query(() => SignalConnectionType, { description: 'Newest first, filtered, a page at a time' })
  async signals(
    @Ctx() ctx: SignalsContext,
    @Arg('filter', () => SignalFilterInput, { nullable: true }) filter: SignalFilterInput | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `1 to ${MAX_PAGE_SIZE}` }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('asset', () => String, { nullable: true, description: 'Shorthand for filter.asset' }) asset: string | null,
  ): Promise<SignalConnectionType> {
    const page = await ctx.signals.signals({ ...(filter ?? {}), asset: filter?.asset ?? asset }, { first, after });
    const edges = page.edges.map((e) => Object.assign(new SignalEdgeType(), { cursor: e.cursor, node: toSignalType(e.signal) }));
    const pageInfo = Object.assign(new SignalPageInfoType(), { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null });
    return Object.assign(new SignalConnectionType(), { edges, pageInfo, totalCount: page.totalCount });
  }

  @Query(() => SignalType, { nullable: true })
  async signal(@Arg('id', () => ID) id: string, @Ctx() ctx: SignalsContext): Promise<SignalType | null> {
    const found = await ctx.loaders.signal.load(id as Signal['id']);
    return found ? toSignalType(found) : null;
  }

  @Query(() => SignalParseResultType, { description: 'Runs the parser on a text and stores nothing (for debugging a layout)' })
  parseSignal(@Arg('text') text: string, @Ctx() ctx: SignalsContext): SignalParseResultType {
    return toParseResult(ctx.signals.parse(text));
  }

  @Query(() => [SignalChannelType])
  async signalChannels(@Ctx() ctx: SignalsContext): Promise<SignalChannelType[]> {
    return (await ctx.signals.channels()).map(toChannelType);
  }

  @Authorized('viewer')
  @Query(() => SignalMessageConnectionType, { description: 'The raw message log, newest first' })
  async signalMessages(
    @Ctx() ctx: SignalsContext,
    @Arg('filter', () => SignalMessageFilterInput, { nullable: true }) filter: SignalMessageFilterInput | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first: number | null,
    @Arg('after', () => ID, { nullable: true, description: 'The id of the last message of the previous page' }) after: string | null,
  ): Promise<SignalMessageConnectionType> {
    const page = await ctx.signals.messages(ctx.viewer, filter ?? {}, { first, after });
    return Object.assign(new SignalMessageConnectionType(), { nodes: page.messages.map(toMessageType), hasNextPage: page.hasMore });
  }

  @FieldResolver(() => SignalStatusEnum)
  status(@Root() signal: SignalType, @Ctx() ctx: SignalsContext): SignalStatus {
    return ctx.signals.statusOf(signal.record);
  }

  @FieldResolver(() => SignalChannelType)
  async channel(@Root() signal: SignalType, @Ctx() ctx: SignalsContext): Promise<SignalChannelType> {
    return toChannelType((await ctx.loaders.channel.load(signal.record.channelId))!);
  }

  @FieldResolver(() => String, { nullable: true, description: 'https://t.me/<channel>/<message> when the channel is public' })
  async messageLink(@Root() signal: SignalType, @Ctx() ctx: SignalsContext): Promise<string | null> {
    const [channel, message] = await Promise.all([ctx.loaders.channel.load(signal.record.channelId), ctx.signals.message(signal.record.messageRowId)]);
    return channel && message ? messageLink(channel, message.messageId) : null;
  }

  @FieldResolver(() => SignalMessageType, { description: 'The message it was read from, as it reads now' })
  async message(@Root() signal: SignalType, @Ctx() ctx: SignalsContext): Promise<SignalMessageType> {
    return toMessageType((await ctx.signals.message(signal.record.messageRowId))!);
  }

  @FieldResolver(() => [SignalUpdateType], { description: "The channel's follow-ups linked to it, oldest first" })
  async updates(@Root() signal: SignalType, @Ctx() ctx: SignalsContext): Promise<SignalUpdateType[]> {
    return (await ctx.signals.updates(signal.record.id)).map((u) => Object.assign(new SignalUpdateType(), u));
  }

  @FieldResolver(() => [SignalRevisionType], { description: 'Earlier versions, oldest first' })
  async history(@Root() signal: SignalType, @Ctx() ctx: SignalsContext): Promise<SignalRevisionType[]> {
    return (await ctx.signals.history(signal.record.id)).map((r) =>
      Object.assign(new SignalRevisionType(), { ...r.snapshot, version: r.version, cause: r.cause, at: r.at, status: r.snapshot.status }),
    );
  }

  @Authorized('trader')
  @Mutation(() => PostedSignalMessageType, { description: 'Posts a message by hand, read like a Telegram one (trader)' })
  async postSignalMessage(@Arg('input', () => PostSignalMessageInput) input: PostSignalMessageInput, @Ctx() ctx: SignalsContext): Promise<PostedSignalMessageType> {
    const { message, signal } = await ctx.signals.post(ctx.viewer!, input);
    return Object.assign(new PostedSignalMessageType(), { message: toMessageType(message), signal: signal ? toSignalType(signal) : null });
  }

  @Authorized('admin')
  @Mutation(() => TelegramImportResultType, { description: 'Imports a batch (≤ 1000) of an exported chat history; duplicates change nothing (admin)' })
  async importTelegramMessages(
    @Arg('chat', () => TelegramChatInput) chat: TelegramChatInput,
    @Arg('messages', () => [TelegramMessageInput]) messages: TelegramMessageInput[],
    @Ctx() ctx: SignalsContext,
  ): Promise<TelegramImportResultType> {
    return Object.assign(new TelegramImportResultType(), await ctx.signals.importMessages(ctx.viewer!, chat, messages));
  }

  @Authorized('admin')
  @Mutation(() => SignalChannelType)
  async createSignalChannel(@Arg('input', () => SignalChannelInput) input: SignalChannelInput, @Ctx() ctx: SignalsContext): Promise<SignalChannelType> {
    return toChannelType(await ctx.signals.createChannel(ctx.viewer!, input));
  }

  @Authorized('admin')
  @Mutation(() => SignalChannelType, { description: 'Changes a channel; enabled: false stops reading its messages' })
  async updateSignalChannel(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => SignalChannelInput) input: SignalChannelInput,
    @Ctx() ctx: SignalsContext,
  ): Promise<SignalChannelType> {
    return toChannelType(await ctx.signals.updateChannel(ctx.viewer!, id, input));
  }

  @Authorized('admin')
  @Mutation(() => Boolean, { description: 'Only a channel without messages; CONFLICT otherwise (disable it instead)' })
  deleteSignalChannel(@Arg('id', () => ID) id: string, @Ctx() ctx: SignalsContext): Promise<boolean> {
    return ctx.signals.deleteChannel(ctx.viewer!, id);
  }

  @Subscription(() => SignalType, {
    description: 'Each signal as it is first read, optionally of one asset',
    subscribe: ({ args, context }) => (context as SignalsContext).events.newSignals((args as { asset?: string | null }).asset ?? null),
  })
  newSignals(@Root() signal: Signal, @Arg('asset', () => String, { nullable: true }) _asset: string | null): SignalType {
    return toSignalType(signal);
  }

  @Subscription(() => SignalType, {
    description: 'Each change to a signal: an edit, a target or the stop reached, a cancel',
    subscribe: ({ args, context }) => (context as SignalsContext).events.signalChanges((args as { asset?: string | null }).asset ?? null),
  })
  signalChanged(@Root() signal: Signal, @Arg('asset', () => String, { nullable: true }) _asset: string | null): SignalType {
    return toSignalType(signal);
  }
}
