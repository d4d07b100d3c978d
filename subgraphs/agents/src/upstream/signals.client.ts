import type { Logger, ServiceClient } from '@b3/kit';
import { SIGNAL_STATUSES, type SignalStatus, TRADE_SIDES, type TradeSide, type TradeSignal } from '../domain/trade-signal';
import type { SignalFeed, SignalWatcher } from '../services/signal-feed.port';
import { pingUpstream, requestUpstream } from './upstream-call';

const FIELDS = 'id asset side entryMin entryMax targets stop status postedAt';
const ONE = `query AgentSignal($id: ID!) { signal(id: $id) { ${FIELDS} } }`;
const OPEN = `query AgentOpenSignals($from: DateTimeISO!, $first: Int!) {
  signals(filter: { status: OPEN, from: $from }, first: $first) { edges { node { ${FIELDS} } } }
}`;
const NEW = `subscription AgentNewSignals { newSignals { ${FIELDS} } }`;

interface WireSignal {
  id: string;
  asset: string;
  side: string;
  entryMin: string;
  entryMax: string;
  targets: string[];
  stop: string | null;
  status: string;
  postedAt: string;
}

/** Defensive: a signal in a shape this version does not know is dropped (and logged), not guessed at. */
function toTradeSignal(wire: WireSignal): TradeSignal | null {
  if (!(TRADE_SIDES as readonly string[]).includes(wire.side) || !(SIGNAL_STATUSES as readonly string[]).includes(wire.status)) return null;
  return {
    id: wire.id,
    asset: wire.asset,
    side: wire.side as TradeSide,
    entryMin: wire.entryMin,
    entryMax: wire.entryMax,
    targets: wire.targets,
    stop: wire.stop,
    status: wire.status as SignalStatus,
    postedAt: new Date(wire.postedAt),
  };
}

/** SignalFeed over the signals subgraph's endpoint; `watch` rides the service client's reconnecting graphql-ws. */
export class SignalsClient implements SignalFeed {
  constructor(
    private readonly client: ServiceClient,
    private readonly logger: Logger,
  ) {}

  async signal(id: string): Promise<TradeSignal | null> {
    // An id signals cannot read (not a UUID) is as absent as one it does not have.
    const data = await requestUpstream<{ signal: WireSignal | null }>('signals', this.client, this.logger, ONE, { id }, (error) =>
      error.code === 'BAD_USER_INPUT' || error.code === 'NOT_FOUND' ? { signal: null } : undefined,
    );
    return data.signal ? this.read(data.signal) : null;
  }

  async openSignals(since: Date, first: number): Promise<TradeSignal[]> {
    const data = await requestUpstream<{ signals: { edges: Array<{ node: WireSignal }> } }>('signals', this.client, this.logger, OPEN, { from: since.toISOString(), first });
    return data.signals.edges.flatMap((e) => this.read(e.node) ?? []);
  }

  watch(watcher: SignalWatcher): () => void {
    return this.client.subscribe<{ newSignals: WireSignal }>(
      NEW,
      {},
      {
        next: (data) => {
          const signal = this.read(data.newSignals);
          if (signal) watcher.signal(signal);
        },
        connected: () => watcher.connected?.(),
        error: (err) => this.logger.error({ err, code: err.code }, 'the newSignals subscription ended with an error'),
      },
    );
  }

  ping(): Promise<void> {
    return pingUpstream(this.client);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private read(wire: WireSignal): TradeSignal | null {
    const signal = toTradeSignal(wire);
    if (!signal) this.logger.warn({ signalId: wire.id, side: wire.side, status: wire.status }, 'ignored a signal in a shape this service does not know');
    return signal;
  }
}
