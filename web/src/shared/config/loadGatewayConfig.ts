export interface GatewayConfig {
  readonly gatewayHttpUrl: string;
  readonly gatewayWsUrl: string;
}

const CONFIG_TIMEOUT_MS = 3000;
const GATEWAY_PORT = 8000;

/** Used when /config.json is absent: the gateway is assumed on the same host as the page, on its usual port. */
export function fallbackGatewayConfig(location: Pick<Location, 'protocol' | 'hostname'>): GatewayConfig {
  const secure = location.protocol === 'https:';
  const base = `//${location.hostname}:${GATEWAY_PORT}/graphql`;
  return { gatewayHttpUrl: `${location.protocol}${base}`, gatewayWsUrl: `${secure ? 'wss:' : 'ws:'}${base}` };
}

function isUrlWithProtocol(value: unknown, protocols: readonly string[]): value is string {
  if (typeof value !== 'string') return false;
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

export function parseGatewayConfig(raw: unknown): GatewayConfig | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { gatewayHttpUrl, gatewayWsUrl } = raw as Record<string, unknown>;
  if (!isUrlWithProtocol(gatewayHttpUrl, ['http:', 'https:'])) return null;
  if (!isUrlWithProtocol(gatewayWsUrl, ['ws:', 'wss:'])) return null;
  return { gatewayHttpUrl, gatewayWsUrl };
}

/** Reads /config.json from the page's own origin; any failure falls back to the gateway on this host. */
export async function loadGatewayConfig(): Promise<GatewayConfig> {
  const fallback = fallbackGatewayConfig(window.location);
  try {
    const response = await fetch('/config.json', { cache: 'no-store', signal: AbortSignal.timeout(CONFIG_TIMEOUT_MS) });
    if (!response.ok) return fallback;
    return parseGatewayConfig(await response.json()) ?? fallback;
  } catch {
    return fallback;
  }
}
