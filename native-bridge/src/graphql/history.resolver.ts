import { badInput, notFound } from '@b3/kit';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { BridgeContext } from '../context';
import type { HistoryJob } from '../services/history-backfill.service';
import { HistoryJobType, toHistoryJob } from './history-job.type';
import { checkSymbols } from './symbols';

function instant(value: string, field: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) throw badInput(`${field} must be an ISO-8601 date-time`, { field });
  return date;
}

@Resolver()
export class HistoryResolver {
  @Authorized('admin')
  @Mutation(() => HistoryJobType, { description: 'Fetches the trades of [from, to) (at most 30 days, within the last 30) from the DLL' })
  startHistoryBackfill(
    @Arg('symbol') symbol: string,
    @Arg('exchange') exchange: string,
    @Arg('from', { description: 'ISO-8601' }) from: string,
    @Arg('to', { description: 'ISO-8601' }) to: string,
    @Ctx() ctx: BridgeContext,
  ): HistoryJobType {
    const [ref] = checkSymbols([{ symbol, exchange }]);
    const start = instant(from, 'from');
    const end = instant(to, 'to');
    if (!(start < end)) throw badInput('from must be before to', { field: 'from' });
    if (end.getTime() > Date.now() + 60_000) throw badInput('to is in the future', { field: 'to' });
    return toHistoryJob(ctx.history.start(ref.symbol, ref.exchange, start, end));
  }

  @Authorized('admin')
  @Query(() => HistoryJobType)
  historyBackfillJob(@Arg('id', () => ID) id: string, @Ctx() ctx: BridgeContext): HistoryJobType {
    const job = ctx.history.job(id);
    if (!job) throw notFound(`No backfill job ${id}`, { id });
    return toHistoryJob(job);
  }

  @Authorized('admin')
  @Query(() => [HistoryJobType], { description: 'Running and the latest finished jobs, newest first' })
  historyBackfillJobs(@Ctx() ctx: BridgeContext): HistoryJobType[] {
    return ctx.history.list().map(toHistoryJob);
  }

  @Authorized('admin')
  @Subscription(() => HistoryJobType, {
    description: 'The job now, then every progress change until it is DONE or FAILED',
    subscribe: ({ args, context }) => (context as BridgeContext).history.stream((args as { id: string }).id),
  })
  historyBackfillProgress(@Root() job: HistoryJob, @Arg('id', () => ID) _id: string): HistoryJobType {
    return toHistoryJob(job);
  }
}
