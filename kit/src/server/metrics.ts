import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per server so several servers can live in one test process. */
export interface ServiceMetrics {
  registry: Registry;
  plugin: ApolloServerPlugin<object>;
}

export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const labelNames = ['operation', 'type', 'outcome'] as const;
  const requests = new Counter({ name: 'graphql_requests_total', help: 'GraphQL operations handled', labelNames, registers: [registry] });
  const latency = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL operation latency',
    labelNames,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const plugin: ApolloServerPlugin<object> = {
    async requestDidStart() {
      const stop = latency.startTimer();
      return {
        async willSendResponse(ctx) {
          const labels = {
            operation: ctx.operationName ?? ctx.operation?.name?.value ?? 'anonymous',
            type: ctx.operation?.operation ?? 'unknown',
            outcome: ctx.errors?.length ? 'error' : 'ok',
          };
          requests.inc(labels);
          stop(labels);
        },
      };
    },
  };
  return { registry, plugin };
}

/** A gauge whose value is read at scrape time (queue sizes, upstream counts, cache sizes). */
export function registerGauge(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}
