import type { SubgraphContext } from '@b3/kit';
import DataLoader from 'dataloader';
import type { Channel, ChannelId, Signal, SignalId } from './domain/signal';
import type { SignalEvents } from './services/signal-events';
import type { SignalService } from './services/signal.service';

export interface SignalsContext extends SubgraphContext {
  signals: SignalService;
  events: SignalEvents;
  loaders: { signal: DataLoader<SignalId, Signal | null>; channel: DataLoader<ChannelId, Channel | null> };
}

export function createSignalsContext(base: SubgraphContext, signals: SignalService, events: SignalEvents): SignalsContext {
  return {
    ...base,
    signals,
    events,
    loaders: {
      signal: new DataLoader((ids) => signals.byIds(ids)),
      channel: new DataLoader(async (ids) => {
        const found = new Map((await signals.channelsByIds(ids)).map((c) => [c.id, c]));
        return ids.map((id) => found.get(id) ?? null);
      }),
    },
  };
}
