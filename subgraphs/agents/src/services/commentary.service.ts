import type { MarketSignal } from '../domain/market-signal';
import type { Recommendation } from '../domain/recommendation';
import type { Commentator, CommentaryPrompt } from './commentator.port';

const SYSTEM =
  'You are a trading desk assistant for the Brazilian exchange B3. In at most three short sentences, explain the ' +
  'decision you are given to a trader, using only the facts provided. Never change the decision, never add a recommendation.';
/** Recent commentary kept in memory so re-reading a decision does not ask the LLM again. */
const CACHE_ENTRIES = 500;

function analysisPrompt(signal: MarketSignal): CommentaryPrompt {
  return {
    system: SYSTEM,
    user: [`${signal.symbol} on ${signal.interval} bars, last price ${signal.price ?? 'unknown'}.`, `Decision: ${signal.direction} with ${signal.confidenceLabel} confidence (${signal.confidence}).`, ...signal.reasons].join('\n'),
  };
}

function recommendationPrompt(r: Recommendation): CommentaryPrompt {
  return {
    system: SYSTEM,
    user: [
      `Signal: ${r.side} ${r.symbol}. Decision: ${r.action}, suggested quantity ${r.suggestedQuantity}.`,
      `Market analysis: ${r.analysis.direction} with ${r.analysis.confidenceLabel} confidence. Risk: ${r.assessment.riskLevel}, ${r.assessment.approved ? 'approved' : 'not approved'}.`,
      ...r.reasons,
    ].join('\n'),
  };
}

/**
 * Optional commentary for analyses and recommendations, asked for only when a client selects the field.
 * Null whenever the LLM is off or failing; the decisions themselves never wait for or depend on it.
 */
export class CommentaryService {
  private readonly cache = new Map<string, Promise<string | null>>();

  constructor(private readonly commentator: Commentator) {}

  forAnalysis(signal: MarketSignal): Promise<string | null> {
    return this.cached(`analysis:${signal.symbol}:${signal.interval}:${signal.generatedAt.toISOString()}`, () => analysisPrompt(signal));
  }

  forRecommendation(recommendation: Recommendation): Promise<string | null> {
    return this.cached(`recommendation:${recommendation.id}`, () => recommendationPrompt(recommendation));
  }

  private cached(key: string, prompt: () => CommentaryPrompt): Promise<string | null> {
    if (this.commentator.state === 'DISABLED') return Promise.resolve(null);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const pending = this.commentator.comment(prompt()).then((text) => {
      // Only answers are kept: a failure now may succeed once the breaker closes again.
      if (text === null) this.cache.delete(key);
      return text;
    });
    this.cache.set(key, pending);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    return pending;
  }
}
