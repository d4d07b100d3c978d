import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SignalsContext } from '../context';
import { IngestSignalInput } from './signal.inputs';
import { SignalType, toSignalType } from './signal.type';

@Resolver(() => SignalType)
export class SignalResolver {
  @Query(() => [SignalType], { description: 'Most recently received first, optionally for one asset' })
  async signals(
    @Ctx() ctx: SignalsContext,
    @Arg('asset', { nullable: true }) asset?: string,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 50 }) limit?: number | null,
  ): Promise<SignalType[]> {
    return (await ctx.signals.list({ asset, limit: limit ?? undefined })).map(toSignalType);
  }

  @Authorized('trader')
  @Mutation(() => SignalType, { description: 'Parses and stores a signal text (trader role); SIGNALS_UNPARSEABLE stores nothing' })
  async ingestSignal(@Arg('input') input: IngestSignalInput, @Ctx() ctx: SignalsContext): Promise<SignalType> {
    return toSignalType(await ctx.signals.ingest(input));
  }
}
