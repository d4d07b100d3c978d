import type { GatewayConfig } from '../shared/config/loadGatewayConfig';
import { GatewayProvider } from '../shared/graphql/GatewayProvider';
import { SystemStatusPanel } from '../features/system-status/SystemStatusPanel';
import { TickerBoard } from '../features/ticker-board/TickerBoard';
import { ConnectionIndicator } from './ConnectionIndicator';
import { WATCHLIST } from './watchlist';

export function App({ config }: { config: GatewayConfig }) {
  return (
    <GatewayProvider config={config}>
      <div className="desk">
        <header className="desk__header">
          <h1 className="desk__title">
            B3 <span>Desk</span>
          </h1>
          <ConnectionIndicator />
        </header>
        <main className="desk__main">
          <TickerBoard symbols={WATCHLIST} />
          <SystemStatusPanel />
        </main>
      </div>
    </GatewayProvider>
  );
}
