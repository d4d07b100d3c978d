import type { BusLogger, CreateEventBusOptions, EventBus } from './event-bus';
import { MemoryBus } from './memory.bus';
import { MqttBus } from './mqtt.bus';
import { NatsBus } from './nats.bus';
import { RedisBus } from './redis.bus';

const ACCEPTED = 'memory://, mqtt://host:port, nats://host:port or redis://host:port';

/** Without a logger, handler failures and connection loss still have to surface somewhere. */
const consoleLogger: BusLogger = {
  // eslint-disable-next-line no-console
  warn: (obj, msg) => console.warn(msg, obj),
};

/**
 * Connects to the bus the URL names and resolves once connected; rejects when the server cannot be
 * reached, so a misconfigured service fails at startup rather than on its first publish.
 */
export async function createEventBus(url: string, opts: CreateEventBusOptions = {}): Promise<EventBus> {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  const logger = opts.logger ?? consoleLogger;
  switch (parsed?.protocol) {
    case 'memory:':
      if (parsed.host !== '' || parsed.pathname !== '') {
        throw new Error(`memory:// takes no host or path (got "${url}"): every memory bus in a process is the same bus`);
      }
      return new MemoryBus(logger);
    case 'mqtt:':
      return MqttBus.connect(parsed, logger, opts.clientId);
    case 'nats:':
      return NatsBus.connect(parsed, logger, opts.clientId);
    case 'redis:':
      return RedisBus.connect(parsed, logger, opts.clientId);
    default:
      throw new Error(`unsupported event bus URL "${parsed ? `${parsed.protocol}//${parsed.host}` : url}": use ${ACCEPTED}`);
  }
}
