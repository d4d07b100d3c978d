import type { ExecutionResult } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export type UpstreamListener = (event: ExecutionResult) => void;

export interface UpstreamRequest {
  subgraph: string;
  url: string;
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
  /** Who the upstream runs as; requests with the same scope share one upstream subscription. */
  scope: string;
  connectionParams: () => Promise<Record<string, unknown>>;
}

interface Upstream {
  clientKey: string;
  listeners: Set<UpstreamListener>;
  dispose: () => void;
  lingerTimer: NodeJS.Timeout | null;
}

/**
 * One upstream subscription per (subgraph, operation, variables, scope), shared by every client asking
 * the same thing, over one graphql-ws connection per (subgraph, scope). When the last listener leaves,
 * the upstream lingers briefly so a client that resubscribes at once reuses it.
 */
export class UpstreamRegistry {
  private readonly upstreams = new Map<string, Upstream>();
  private readonly clients = new Map<string, Client>();
  private opened = 0;

  constructor(private readonly options: { lingerMs?: number } = {}) {}

  /** Upstream subscriptions alive now. */
  get active(): number {
    return this.upstreams.size;
  }

  /** Upstream subscriptions ever opened (for tests and metrics). */
  get totalOpened(): number {
    return this.opened;
  }

  has(request: Pick<UpstreamRequest, 'subgraph' | 'operationName' | 'query' | 'variables' | 'scope'>): boolean {
    return this.upstreams.has(this.keyOf(request));
  }

  private keyOf(request: Pick<UpstreamRequest, 'subgraph' | 'operationName' | 'query' | 'variables' | 'scope'>): string {
    return JSON.stringify([request.subgraph, request.operationName ?? '', request.query, request.variables, request.scope]);
  }

  subscribe(request: UpstreamRequest, listener: UpstreamListener): () => void {
    const key = this.keyOf(request);
    let upstream = this.upstreams.get(key);
    if (!upstream) {
      upstream = this.open(key, request);
      this.upstreams.set(key, upstream);
    }
    if (upstream.lingerTimer) {
      clearTimeout(upstream.lingerTimer);
      upstream.lingerTimer = null;
    }
    upstream.listeners.add(listener);
    const current = upstream;
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size > 0 || current.lingerTimer) return;
      current.lingerTimer = setTimeout(() => {
        if (current.listeners.size > 0) return;
        current.dispose();
        this.upstreams.delete(key);
      }, this.options.lingerMs ?? 2000);
      current.lingerTimer.unref();
    };
  }

  private open(key: string, request: UpstreamRequest): Upstream {
    this.opened++;
    const client = this.clientFor(request);
    const listeners = new Set<UpstreamListener>();
    const upstream: Upstream = { clientKey: `${request.subgraph}|${request.scope}`, listeners, lingerTimer: null, dispose: () => undefined };
    upstream.dispose = client.subscribe<Record<string, unknown>>(
      { query: request.query, operationName: request.operationName, variables: request.variables },
      {
        next: (event) => {
          for (const listener of listeners) listener(event as ExecutionResult);
        },
        error: (error) => {
          const message = error instanceof Error ? error.message : 'upstream subscription failed';
          const failure: ExecutionResult = { errors: [{ message, extensions: { code: 'SUBSCRIPTION_UPSTREAM_FAILED', serviceName: request.subgraph } } as never] };
          for (const listener of listeners) listener(failure);
          this.upstreams.delete(key);
        },
        complete: () => {
          this.upstreams.delete(key);
        },
      },
    );
    return upstream;
  }

  private clientFor(request: UpstreamRequest): Client {
    const key = `${request.subgraph}|${request.scope}`;
    const existing = this.clients.get(key);
    if (existing) return existing;
    let connectedOnce = false;
    const client = createClient({
      url: request.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: 3000,
      keepAlive: 10_000,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: async (retries) => new Promise((r) => setTimeout(r, Math.min(10_000, 250 * 2 ** retries))),
      connectionParams: request.connectionParams,
      on: {
        connected: () => {
          // graphql-ws re-subscribes every operation after a reconnect; events in between are lost,
          // so clients get an explicit gap marker instead of silence.
          if (connectedOnce) this.announceGap(key, request.subgraph);
          connectedOnce = true;
        },
      },
    });
    this.clients.set(key, client);
    return client;
  }

  private announceGap(clientKey: string, subgraph: string): void {
    const gap: ExecutionResult = { extensions: { gap: { serviceName: subgraph, reason: 'upstream reconnected; events may have been missed' } } };
    for (const upstream of this.upstreams.values()) {
      if (upstream.clientKey !== clientKey) continue;
      for (const listener of upstream.listeners) listener(gap);
    }
  }

  async close(): Promise<void> {
    for (const upstream of this.upstreams.values()) {
      if (upstream.lingerTimer) clearTimeout(upstream.lingerTimer);
      upstream.dispose();
    }
    this.upstreams.clear();
    await Promise.all([...this.clients.values()].map((c) => c.dispose()));
    this.clients.clear();
  }
}
