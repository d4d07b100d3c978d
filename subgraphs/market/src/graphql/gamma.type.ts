import { DecimalScalar } from '@b3/kit';
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { GammaLevels } from '../domain/gamma/gamma-levels';
import type { OptionChain } from '../domain/option-chain';

export enum OptionKind {
  CALL = 'CALL',
  PUT = 'PUT',
}
registerEnumType(OptionKind, { name: 'OptionKind', description: 'Call or put' });

const GEX_UNITS = 'BRL of underlying dealers must trade per 1 % move (model output, float)';

@ObjectType('StrikeGex', { description: 'Gamma exposure of one strike at the underlying price, all expiries together' })
export class StrikeGexType {
  @Field(() => DecimalScalar)
  strike!: string;

  @Field(() => Float, { description: `Call GEX, ≥ 0 (dealers assumed long calls); ${GEX_UNITS}` })
  callGex!: number;

  @Field(() => Float, { description: `Put GEX, ≤ 0 (dealers assumed short puts); ${GEX_UNITS}` })
  putGex!: number;

  @Field(() => Float, { description: 'callGex + putGex' })
  netGex!: number;

  @Field(() => Int, { description: 'Call contracts open at this strike' })
  callOpenInterest!: number;

  @Field(() => Int, { description: 'Put contracts open at this strike' })
  putOpenInterest!: number;
}

@ObjectType('GexProfilePoint', { description: 'Net GEX if the underlying were at this price' })
export class GexProfilePointType {
  @Field(() => DecimalScalar, { description: 'Grid price, rounded to 4 decimals' })
  price!: string;

  @Field(() => Float, { description: GEX_UNITS })
  netGex!: number;
}

@ObjectType('GammaLevels', {
  description:
    'Dealer gamma positioning from an options chain (Black-76, T = calendar days/365 to 18:00 São Paulo on expiry; ' +
    'dealers assumed long calls and short puts)',
})
export class GammaLevelsType {
  @Field()
  underlying!: string;

  @Field(() => DecimalScalar, { description: 'Price the chain was evaluated at (taken as the forward)' })
  underlyingPrice!: string;

  @Field({ description: 'When the chain was snapshotted (UTC)' })
  asOf!: Date;

  @Field(() => DecimalScalar, { nullable: true, description: 'Strike with the largest call GEX; null when no call has open interest' })
  callWall!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Strike with the largest absolute put GEX; null when no put has open interest' })
  putWall!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Price nearest spot where net GEX changes sign on the grid (linear interpolation, rounded to 2 decimals); null if none',
  })
  gammaFlip!: string | null;

  @Field(() => Float, { description: `Net GEX at the underlying price; ${GEX_UNITS}` })
  totalGex!: number;

  @Field(() => [StrikeGexType], { description: 'Every strike of the chain, ascending' })
  strikes!: StrikeGexType[];

  @Field(() => [GexProfilePointType], { description: 'Net GEX across the price grid, ascending by price, for charting' })
  profile!: GexProfilePointType[];
}

@InputType({ description: 'One option of a hypothetical chain' })
export class OptionQuoteInput {
  @Field({ description: 'Option ticker, e.g. PETRL380' })
  symbol!: string;

  @Field(() => String, { nullable: true, description: "Defaults to the chain's underlying" })
  underlying?: string | null;

  @Field(() => OptionKind)
  kind!: OptionKind;

  @Field(() => DecimalScalar, { description: 'Strike, exact decimal, at most 4 decimals' })
  strike!: string;

  @Field(() => Int, { description: 'Contracts open' })
  openInterest!: number;

  @Field(() => Float, { description: 'Annualised implied volatility as a fraction (0.25 = 25 %), calendar-day basis' })
  impliedVol!: number;

  @Field({ description: 'Expiry date in São Paulo, YYYY-MM-DD' })
  expiry!: string;

  @Field(() => Int, { description: 'Units of the underlying per contract (100 for most B3 stock options)' })
  multiplier!: number;
}

@InputType({ description: 'A hypothetical options chain to evaluate' })
export class OptionChainInput {
  @Field({ description: 'Underlying symbol, e.g. PETR4' })
  underlying!: string;

  @Field(() => DecimalScalar, { description: 'Underlying (forward) price, exact decimal' })
  underlyingPrice!: string;

  @Field(() => Float, { description: 'Continuously compounded annual risk-free rate as a fraction (0.1075 = 10.75 %)' })
  rate!: number;

  @Field({ description: 'Snapshot instant; time to expiry is measured from it' })
  asOf!: Date;

  @Field(() => [OptionQuoteInput])
  options!: OptionQuoteInput[];
}

export function toOptionChain(input: OptionChainInput): OptionChain {
  return {
    underlying: input.underlying,
    underlyingPrice: input.underlyingPrice,
    rate: input.rate,
    asOf: input.asOf.toISOString(),
    options: input.options.map((o) => ({
      symbol: o.symbol,
      underlying: o.underlying ?? input.underlying,
      kind: o.kind,
      strike: o.strike,
      openInterest: o.openInterest,
      impliedVol: o.impliedVol,
      expiry: o.expiry,
      multiplier: o.multiplier,
    })),
  };
}

export function toGammaLevelsType(levels: GammaLevels): GammaLevelsType {
  return Object.assign(new GammaLevelsType(), {
    underlying: levels.underlying,
    underlyingPrice: levels.underlyingPrice,
    asOf: new Date(levels.asOf),
    callWall: levels.callWall,
    putWall: levels.putWall,
    gammaFlip: levels.gammaFlip,
    totalGex: levels.totalGex,
    strikes: levels.strikes.map((s) => Object.assign(new StrikeGexType(), s)),
    profile: levels.profile.map((p) => Object.assign(new GexProfilePointType(), p)),
  });
}
