/** The transports behind `createEventBus`, named by their URL scheme. */
export const BUS_KINDS = ['memory', 'mqtt', 'nats', 'redis'] as const;
export type BusKind = (typeof BUS_KINDS)[number];

export interface BusMessage<T> {
  topic: string;
  payload: T;
}

export type BusHandler<T> = (payload: T, topic: string) => void;

/**
 * Fire-and-forget publish/subscribe between services. Delivery is at most once: a subscriber that is
 * disconnected while a message is published never sees it.
 */
export interface EventBus {
  readonly kind: BusKind;
  /** Rejects while the bus is disconnected or closed, and for payloads JSON cannot represent. */
  publish<T>(topic: string, payload: T): Promise<void>;
  /**
   * Resolves once the server has confirmed the subscription (waiting through a reconnect if need be).
   * `topic` may end in `*` (exactly one more segment) or `>` (one or more segments), or use `*` for any
   * single segment. Returns the unsubscribe function.
   */
  subscribe<T>(topic: string, handler: BusHandler<T>): Promise<() => Promise<void>>;
  /** Round trip to the server in ms; rejects within about a second when the server is unreachable. */
  ping(): Promise<number>;
  /** Idempotent; pending and later calls of the other methods reject. */
  close(): Promise<void>;
}

/** Structurally satisfied by a pino logger. */
export interface BusLogger {
  warn(obj: object, msg: string): void;
  info?(obj: object, msg: string): void;
}

export interface CreateEventBusOptions {
  /** Readable name for the connection as the server lists it; a random suffix keeps it unique. */
  clientId?: string;
  logger?: BusLogger;
}
