import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Client } from 'graphql-ws';
import type { GatewayConfig } from '../config/loadGatewayConfig';
import type { ConnectionState } from './connectionState';
import { createGatewayWsClient } from './createGatewayWsClient';

export interface GatewayConnection {
  readonly state: ConnectionState;
  /** How many times the socket has become live; data fetched over HTTP is refreshed when it changes. */
  readonly sessions: number;
}

interface GatewayContextValue {
  readonly httpUrl: string;
  readonly wsClient: Client | null;
  readonly connection: GatewayConnection;
}

const GatewayContext = createContext<GatewayContextValue | null>(null);

export function GatewayProvider({ config, children }: { config: GatewayConfig; children: ReactNode }) {
  const [wsClient, setWsClient] = useState<Client | null>(null);
  const [connection, setConnection] = useState<GatewayConnection>({ state: 'connecting', sessions: 0 });

  useEffect(() => {
    const client = createGatewayWsClient(config.gatewayWsUrl, (state) =>
      setConnection((previous) => ({
        state,
        sessions: state === 'live' && previous.state !== 'live' ? previous.sessions + 1 : previous.sessions,
      })),
    );
    setWsClient(client);
    return () => {
      setWsClient(null);
      void client.dispose();
    };
  }, [config.gatewayWsUrl]);

  return (
    <GatewayContext.Provider value={{ httpUrl: config.gatewayHttpUrl, wsClient, connection }}>
      {children}
    </GatewayContext.Provider>
  );
}

export function useGateway(): GatewayContextValue {
  const value = useContext(GatewayContext);
  if (!value) throw new Error('useGateway must be used inside <GatewayProvider>');
  return value;
}
