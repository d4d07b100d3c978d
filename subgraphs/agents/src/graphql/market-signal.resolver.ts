import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AgentsContext } from '../context';
import { MarketSignalType } from './market-signal.type';

@Resolver(() => MarketSignalType)
export class MarketSignalResolver {
  @FieldResolver(() => String, { nullable: true, description: 'LLM commentary when AGENTS_LLM_URL is configured; never part of the analysis' })
  commentary(@Root() signal: MarketSignalType, @Ctx() ctx: AgentsContext): Promise<string | null> {
    return ctx.services.commentary.forAnalysis(signal.source);
  }
}
