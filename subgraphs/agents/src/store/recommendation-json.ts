import type { MarketSignal } from '../domain/market-signal';
import type { RiskAssessment } from '../domain/risk-assessment';

/**
 * The analysis and assessment as stored in JSON columns: everything is already text or integers except
 * the instants, which go out as ISO-8601 UTC and come back as Dates. Decimals stay strings throughout.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function analysisToJson(signal: MarketSignal): JsonValue {
  return JSON.parse(JSON.stringify({ ...signal, generatedAt: signal.generatedAt.toISOString() })) as JsonValue;
}

export function analysisFromJson(json: unknown): MarketSignal {
  const raw = json as Omit<MarketSignal, 'generatedAt'> & { generatedAt: string };
  return { ...raw, generatedAt: new Date(raw.generatedAt) };
}

export function assessmentToJson(assessment: RiskAssessment): JsonValue {
  return JSON.parse(JSON.stringify({ ...assessment, assessedAt: assessment.assessedAt.toISOString() })) as JsonValue;
}

export function assessmentFromJson(json: unknown): RiskAssessment {
  const raw = json as Omit<RiskAssessment, 'assessedAt'> & { assessedAt: string };
  return { ...raw, assessedAt: new Date(raw.assessedAt) };
}
