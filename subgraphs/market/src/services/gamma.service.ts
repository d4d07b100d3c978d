import { DomainError } from '@b3/kit';
import type { OptionChain } from '../domain/option-chain';
import { GammaErrors } from '../domain/gamma/gamma-errors';
import {
  gammaLevelsOf,
  resolveGammaGrid,
  validateOptionChain,
  type GammaGridOptions,
  type GammaLevels,
  type ValidOptionChain,
} from '../domain/gamma/gamma-levels';
import { isTickerSymbol } from '../domain/trade';
import { MarketErrors } from '../errors';
import type { OptionChainSource } from './option-chain.port';

/** Gamma levels for stored chains (by underlying) and for chains a trader sends inline. */
export class GammaService {
  constructor(private readonly chains: OptionChainSource) {}

  /**
   * Levels from the latest stored chain. Arguments are checked before any I/O; a missing chain is
   * MARKET_NO_OPTION_CHAIN, and a stored chain that fails validation is MARKET_INVALID_OPTION_CHAIN
   * (bad data on our side, so not BAD_USER_INPUT) with the same field and reason.
   */
  async gammaLevels(underlying: string, options: GammaGridOptions = {}): Promise<GammaLevels> {
    if (!isTickerSymbol(underlying)) throw MarketErrors.badSymbol(underlying);
    const grid = resolveGammaGrid(options);
    const chain = await this.chains.latestChain(underlying);
    if (!chain) throw GammaErrors.noOptionChain(underlying);
    return gammaLevelsOf(this.validateStored(underlying, chain), grid);
  }

  /** Levels of a hypothetical chain: pure computation, problems in it are the caller's (BAD_USER_INPUT). */
  evaluateChain(chain: OptionChain, options: GammaGridOptions = {}): GammaLevels {
    const grid = resolveGammaGrid(options);
    return gammaLevelsOf(validateOptionChain(chain), grid);
  }

  private validateStored(underlying: string, chain: OptionChain): ValidOptionChain {
    try {
      if (chain.underlying !== underlying) throw GammaErrors.wrongUnderlying(underlying, String(chain.underlying));
      return validateOptionChain(chain);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') throw GammaErrors.invalidStoredChain(underlying, error);
      throw error;
    }
  }
}
