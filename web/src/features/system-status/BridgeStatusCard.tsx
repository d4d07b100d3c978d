import type { ReactNode } from 'react';
import { formatB3Time } from '../../shared/format/formatB3Time';
import { formatCount, formatFixed } from '../../shared/format/formatNumber';
import { StatusBadge } from '../../shared/ui/StatusBadge';
import { BRIDGE_CHANNELS, channelTone, formatCountdown, type BridgeStatus } from './bridgeStatusView';
import { useBridgeStatus } from './useBridgeStatus';

/** One `dt`/`dd` pair; numbers use `num` so a value that changes every second never changes width. */
function Metric({ label, testId, numeric = true, tone, children }: {
  label: ReactNode;
  testId: string;
  numeric?: boolean;
  tone?: 'warn' | 'down';
  children: ReactNode;
}) {
  const classes = ['bridge__value', numeric ? 'num' : 'bridge__value--text', tone ? `bridge__value--${tone}` : ''];
  return (
    <div className="bridge__metric">
      <dt>{label}</dt>
      <dd className={classes.filter(Boolean).join(' ')} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function BridgeDetails({ status }: { status: BridgeStatus }) {
  return (
    <>
      <dl className="bridge__channels">
        {BRIDGE_CHANNELS.map(({ key, label }) => (
          <div key={key} className="bridge__channel">
            <dt>{label}</dt>
            <dd className={`bridge__state bridge__state--${channelTone(key, status[key])}`} data-testid={`bridge-${key}`}>
              {status[key]}
            </dd>
          </div>
        ))}
      </dl>
      <dl className="bridge__metrics">
        <Metric label="Library" testId="bridge-library" numeric={false}>
          {status.library}
        </Metric>
        <Metric label="Trade path" testId="bridge-trade-path" numeric={false}>
          {status.tradePath}
        </Metric>
        <Metric label="Trades/s" testId="bridge-trades-per-second">
          {formatFixed(status.tradesPerSecond, 1)}
        </Metric>
        <Metric label="Received / published" testId="bridge-trades">
          {formatCount(status.tradesReceived)} / {formatCount(status.tradesPublished)}
        </Metric>
        <Metric label="Queue / ring" testId="bridge-queue">
          {formatCount(status.queueDepth)} / {formatCount(status.ringCapacity)}
        </Metric>
        <Metric label="Ring dropped" testId="bridge-ring-dropped" tone={status.ringDropped > 0 ? 'down' : undefined}>
          {formatCount(status.ringDropped)}
        </Metric>
        <Metric label={<abbr title="99th percentile of the time the DLL's thread spends in the bridge's callback">Callback p99</abbr>} testId="bridge-callback-p99">
          {formatFixed(status.callbackP99Micros, 1)} µs
        </Metric>
        <Metric label={<abbr title="99th percentile from the DLL's callback to the trade being drained">Drain p99</abbr>} testId="bridge-drain-p99">
          {formatFixed(status.drainLatencyP99Ms, 2)} ms
        </Metric>
        <Metric label="Duplicates dropped" testId="bridge-duplicates">
          {formatCount(status.duplicatesDropped)}
        </Metric>
        <Metric label="Re-logins" testId="bridge-relogins">
          {formatCount(status.reinitializations)}
        </Metric>
        {status.nextReconnectInMs !== null && (
          <Metric label="Next re-login in" testId="bridge-next-reconnect" tone="warn">
            {formatCountdown(status.nextReconnectInMs)}
          </Metric>
        )}
        {status.lastError !== null && (
          <Metric label="Last error" testId="bridge-last-error" numeric={false} tone="down">
            {status.lastError}
          </Metric>
        )}
      </dl>
      <h4 className="bridge__subtitle" id="bridge-symbols-title">
        Subscribed <span className="num">{formatCount(status.subscriptions.length)}</span>
      </h4>
      {status.subscriptions.length > 0 ? (
        <ul className="bridge__symbols" aria-labelledby="bridge-symbols-title">
          {status.subscriptions.map((sub) => (
            <li key={`${sub.exchange}:${sub.symbol}`} className="bridge__symbol" data-testid={`bridge-symbol-${sub.symbol}`} data-book={sub.book}>
              {sub.symbol}
              <span className="bridge__exchange" title="Exchange: B Bovespa, F BMF">
                {sub.exchange}
              </span>
              {sub.book && (
                <abbr className="bridge__book" title="The price-depth book is taken as well as trades">
                  book
                </abbr>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="bridge__note">No symbols taken from the DLL.</p>
      )}
      <p className="bridge__note">
        Updated <span className="num">{formatB3Time(status.updatedAt)}</span> <abbr title="America/Sao_Paulo">B3</abbr>
      </p>
    </>
  );
}

/** The ProfitDLL bridge block of the status panel, fed by the `bridgeStatus` subscription. */
export function BridgeStatusCard() {
  const { status, stale, error } = useBridgeStatus();
  return (
    <section className="bridge" aria-labelledby="bridge-status-title" data-testid="bridge-status" data-stale={stale !== null}>
      <h3 id="bridge-status-title" className="bridge__title">
        ProfitDLL bridge
        {status && <StatusBadge status={status.health} testId="bridge-health" />}
      </h3>
      {stale !== null && (
        <p className="bridge__stale" data-testid="bridge-stale">
          Stale ({stale}): showing the last status received.
        </p>
      )}
      {status ? (
        <div className={stale !== null ? 'bridge__body bridge__body--stale' : 'bridge__body'}>
          <BridgeDetails status={status} />
        </div>
      ) : error !== null ? (
        <p className="system-status__error" role="alert" data-testid="bridge-error">
          Bridge status unavailable: {error}
        </p>
      ) : (
        <p className="system-status__pending">Waiting for the bridge…</p>
      )}
    </section>
  );
}
