import { useGateway } from '../shared/graphql/GatewayProvider';

export function ConnectionIndicator() {
  const { connection } = useGateway();
  return (
    <span className={`connection connection--${connection.state}`} title="Live prices socket to the gateway">
      <span className="connection__dot" aria-hidden="true" />
      <span data-testid="ws-state" data-state={connection.state}>
        {connection.state}
      </span>
    </span>
  );
}
