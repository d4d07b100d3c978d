import type { CheckOutcome, ProbeTarget } from '../domain/system-health';

/** Probes one system; resolves OFFLINE (never rejects) when nothing answers in time. */
export interface SystemProber {
  probe(target: ProbeTarget, signal: AbortSignal): Promise<CheckOutcome>;
}
