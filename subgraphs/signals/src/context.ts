import type { SubgraphContext } from '@b3/kit';
import DataLoader from 'dataloader';
import type { Signal, SignalId } from './domain/signal';
import type { SignalService } from './services/signal.service';

export interface SignalsContext extends SubgraphContext {
  signals: SignalService;
  loaders: { signal: DataLoader<SignalId, Signal | null> };
}

export function createSignalsContext(base: SubgraphContext, signals: SignalService): SignalsContext {
  return { ...base, signals, loaders: { signal: new DataLoader((ids) => signals.byIds(ids)) } };
}
