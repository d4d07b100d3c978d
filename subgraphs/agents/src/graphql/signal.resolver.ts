import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AgentsContext } from '../context';
import { readableAccount } from '../services/account-access';
import { RecommendationType, toRecommendationType } from './recommendation.type';
import { RiskAssessmentType, toRiskAssessmentType } from './risk-assessment.type';
import { SignalRef } from './signal-ref.type';

const ACCOUNT_ARG = { nullable: true, description: 'Defaults to your own account; only an admin may name another' } as const;

/** The agents' contribution to signals' Signal: the latest decision about it for an account. */
@Resolver(() => SignalRef)
export class SignalResolver {
  @Authorized('viewer')
  @FieldResolver(() => RecommendationType, { nullable: true, description: 'The newest recommendation on this signal for the account; empty until one is made' })
  async recommendation(@Root() signal: SignalRef, @Ctx() ctx: AgentsContext, @Arg('account', () => String, ACCOUNT_ARG) account: string | null): Promise<RecommendationType | null> {
    const found = await ctx.loaders.latestRecommendation.load({ signalId: signal.id, account: accountOf(ctx, account) });
    return found ? toRecommendationType(found) : null;
  }

  @Authorized('viewer')
  @FieldResolver(() => RiskAssessmentType, { nullable: true, description: "The risk assessment of that newest recommendation" })
  async assessment(@Root() signal: SignalRef, @Ctx() ctx: AgentsContext, @Arg('account', () => String, ACCOUNT_ARG) account: string | null): Promise<RiskAssessmentType | null> {
    const found = await ctx.loaders.latestRecommendation.load({ signalId: signal.id, account: accountOf(ctx, account) });
    return found ? toRiskAssessmentType(found.assessment) : null;
  }
}

/** One account per field: an admin naming none reads their own, as everyone else does. */
function accountOf(ctx: AgentsContext, requested: string | null): string {
  return readableAccount(ctx.viewer!, requested) ?? ctx.viewer!.id;
}
