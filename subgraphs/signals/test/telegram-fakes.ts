import { Writable } from 'node:stream';
import type { Logger } from '@b3/kit';
import pino from 'pino';
import type { InboundMessage, MessageSink, ReceiveOutcome } from '../src/domain/inbound-message';

/** A MessageSink that records what it gets; `fail` decides per call whether to throw, `hold` parks calls until released. */
export interface RecordingSink extends MessageSink {
  readonly received: InboundMessage[];
  /** Every call, including failed ones. */
  readonly calls: InboundMessage[];
  fail: (message: InboundMessage, call: number) => boolean;
  /** Parks every call from now on until `release()`. */
  hold(): void;
  release(): void;
  /** Resolves once `count` messages have been received. */
  waitFor(count: number): Promise<void>;
}

export function createRecordingSink(): RecordingSink {
  const received: InboundMessage[] = [];
  const calls: InboundMessage[] = [];
  let gate: Promise<void> | null = null;
  let open: () => void = () => undefined;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const sink: RecordingSink = {
    received,
    calls,
    fail: () => false,
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      gate = null;
      open();
    },
    waitFor(count) {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async receive(message): Promise<ReceiveOutcome> {
      calls.push(message);
      const call = calls.length;
      if (gate) await gate;
      if (sink.fail(message, call)) throw new Error(`sink refused message ${message.messageId}`);
      const seen = received.some((m) => m.chatId === message.chatId && m.messageId === message.messageId);
      received.push(message);
      for (const waiter of waiters.filter((w) => received.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      return seen ? (message.editedAt ? 'EDITED' : 'DUPLICATE') : 'STORED';
    },
  };
  return sink;
}

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A real pino logger whose lines land in `lines`, so tests can check what was logged. */
export function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

export const PINO_WARN = 40;
export const PINO_ERROR = 50;
