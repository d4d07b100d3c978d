import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; `service` names the process everywhere (folder, config key and log field match). */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
