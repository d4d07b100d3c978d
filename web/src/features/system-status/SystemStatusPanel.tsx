import { formatB3Time } from '../../shared/format/formatB3Time';
import { StatusBadge } from '../../shared/ui/StatusBadge';
import { BridgeStatusCard } from './BridgeStatusCard';
import { usePlatformStatus } from './usePlatformStatus';

export function SystemStatusPanel() {
  const { status, error } = usePlatformStatus();
  return (
    <section className="panel system-status" aria-labelledby="system-status-title">
      <h2 id="system-status-title" className="panel__title">
        System status
        {status && <StatusBadge status={status.overall} testId="platform-overall" />}
      </h2>
      {error && (
        <p className="system-status__error" role="alert">
          Gateway unreachable: {error}
        </p>
      )}
      {status ? (
        <>
          <ul className={`service-list${error ? ' service-list--stale' : ''}`}>
            {status.services.map((service) => (
              <li key={service.name} className="service-list__item" title={service.url}>
                <span className="service-list__name">{service.name}</span>
                <span className="service-list__latency num">
                  {service.latencyMs === null ? '—' : `${service.latencyMs} ms`}
                </span>
                <StatusBadge status={service.status} testId={`status-${service.name}`} />
              </li>
            ))}
          </ul>
          <p className="system-status__checked">
            Checked {formatB3Time(status.checkedAt)} <abbr title="America/Sao_Paulo">B3</abbr>
          </p>
        </>
      ) : (
        !error && <p className="system-status__pending">Checking…</p>
      )}
      {/* Its own subscription, so it keeps updating (or goes stale) independently of the polled list above. */}
      <BridgeStatusCard />
    </section>
  );
}
