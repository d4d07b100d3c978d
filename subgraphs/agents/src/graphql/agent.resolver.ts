import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { AgentsContext } from '../context';
import { actingAccount } from '../services/account-access';
import { ValidateTradeInput } from './agent.inputs';
import { CandleIntervalEnum } from './enums';
import { MarketSignalType, toMarketSignalType } from './market-signal.type';
import { RecommendationType, toRecommendationType } from './recommendation.type';
import { RiskAssessmentType, toRiskAssessmentType } from './risk-assessment.type';

/** On-demand runs of the three agents (trader or admin). Nothing is placed; only orchestrate records its result. */
@Resolver()
export class AgentResolver {
  @Authorized('trader')
  @Mutation(() => MarketSignalType, { description: 'Runs the market analysis agent now' })
  async analyze(
    @Arg('symbol') symbol: string,
    @Arg('interval', () => CandleIntervalEnum, { defaultValue: CandleIntervalEnum.M5 }) interval: CandleIntervalEnum,
    @Ctx() ctx: AgentsContext,
  ): Promise<MarketSignalType> {
    return toMarketSignalType(await ctx.services.analysis.analyze(symbol, interval));
  }

  @Authorized('trader')
  @Mutation(() => RiskAssessmentType, { description: "Runs the risk agent on a trade: orders' pre-trade rules (nothing recorded there) plus the ATR volatility check" })
  async validateTrade(@Arg('input', () => ValidateTradeInput) input: ValidateTradeInput, @Ctx() ctx: AgentsContext): Promise<RiskAssessmentType> {
    const account = actingAccount(ctx.viewer!, input.account);
    const assessment = await ctx.services.risk.assess({
      account,
      symbol: input.symbol,
      side: input.side,
      quantity: input.quantity,
      price: input.price,
      stopPrice: input.stopPrice ?? null,
      interval: input.interval,
    });
    return toRiskAssessmentType(assessment);
  }

  @Authorized('trader')
  @Mutation(() => RecommendationType, { description: 'Runs the orchestrator on a signal for your account (an admin: any); the recommendation is stored and published' })
  async orchestrate(
    @Arg('signalId', () => ID) signalId: string,
    @Arg('account', () => String, { nullable: true, description: 'Defaults to your own account; only an admin may name another' }) account: string | null,
    @Arg('interval', () => CandleIntervalEnum, { nullable: true, description: 'The bars the analysis reads (default: AGENTS_INTERVAL)' }) interval: CandleIntervalEnum | null,
    @Ctx() ctx: AgentsContext,
  ): Promise<RecommendationType> {
    const recommendation = await ctx.services.orchestrator.orchestrate(signalId, actingAccount(ctx.viewer!, account), ctx.viewer!.id, interval ?? undefined);
    return toRecommendationType(recommendation);
  }
}
