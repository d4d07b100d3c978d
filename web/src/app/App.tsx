import type { GatewayConfig } from '../shared/config/loadGatewayConfig';
import { GatewayProvider } from '../shared/graphql/GatewayProvider';
import { CandleChart } from '../features/candle-chart/CandleChart';
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
          {/* One column, so the chart sits right under the board however tall the status panel grows. */}
          <div className="desk__column">
            <TickerBoard symbols={WATCHLIST} />
            <CandleChart symbols={WATCHLIST} />
          </div>
          <SystemStatusPanel />
        </main>
      </div>
    </GatewayProvider>
  );
}
