import { Arg, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import { GRID_RANGE_PCT, GRID_STEPS } from '../domain/gamma/gamma-levels';
import type { GammaService } from '../services/gamma.service';
import { GammaLevelsType, OptionChainInput, toGammaLevelsType, toOptionChain } from './gamma.type';

/** What these resolvers need from the request context (MarketContext will extend it). */
export interface GammaContext {
  gamma: GammaService;
}

const STEPS_DOC = `Grid intervals for the flip search and profile, ${GRID_STEPS.min}–${GRID_STEPS.max}`;
const RANGE_DOC = `Grid half-width in percent of the underlying price, ${GRID_RANGE_PCT.min}–${GRID_RANGE_PCT.max}`;

@Resolver()
export class GammaResolver {
  @Query(() => GammaLevelsType, {
    description: 'Gamma levels from the latest stored chain of an underlying; MARKET_NO_OPTION_CHAIN when none is stored',
  })
  async gammaLevels(
    @Arg('underlying') underlying: string,
    @Arg('gridSteps', () => Int, { defaultValue: GRID_STEPS.default, description: STEPS_DOC }) gridSteps: number,
    @Arg('gridRangePct', () => Float, { defaultValue: GRID_RANGE_PCT.default, description: RANGE_DOC }) gridRangePct: number,
    @Ctx() ctx: GammaContext,
  ): Promise<GammaLevelsType> {
    return toGammaLevelsType(await ctx.gamma.gammaLevels(underlying, { gridSteps, gridRangePct }));
  }

  @Query(() => GammaLevelsType, { description: 'Gamma levels of a hypothetical chain given inline (nothing is stored)' })
  computeGammaLevels(
    @Arg('chain', () => OptionChainInput) chain: OptionChainInput,
    @Arg('gridSteps', () => Int, { defaultValue: GRID_STEPS.default, description: STEPS_DOC }) gridSteps: number,
    @Arg('gridRangePct', () => Float, { defaultValue: GRID_RANGE_PCT.default, description: RANGE_DOC }) gridRangePct: number,
    @Ctx() ctx: GammaContext,
  ): GammaLevelsType {
    return toGammaLevelsType(ctx.gamma.evaluateChain(toOptionChain(chain), { gridSteps, gridRangePct }));
  }
}
