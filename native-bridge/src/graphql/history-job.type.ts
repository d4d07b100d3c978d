import { Field, Int, ObjectType } from 'type-graphql';
import type { HistoryJob } from '../services/history-backfill.service';

@ObjectType('HistoryBackfillJob', { description: 'Trades of a past window fetched from the DLL and published for the market subgraph' })
export class HistoryJobType {
  @Field()
  id!: string;

  @Field()
  symbol!: string;

  @Field()
  exchange!: string;

  @Field({ description: 'UTC ISO-8601' })
  from!: string;

  @Field({ description: 'UTC ISO-8601' })
  to!: string;

  @Field({ description: 'RUNNING, DONE or FAILED' })
  status!: string;

  @Field(() => Int, { description: '0..100 as reported by the DLL' })
  progress!: number;

  @Field(() => Int)
  tradesReceived!: number;

  @Field(() => Int)
  tradesPublished!: number;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field()
  startedAt!: string;

  @Field(() => String, { nullable: true })
  finishedAt!: string | null;
}

export const toHistoryJob = (job: HistoryJob): HistoryJobType => Object.assign(new HistoryJobType(), job);
