import { createEventBus, type Logger, startSubgraph } from '@b3/kit';
import { databaseResource, openDatabase } from '@b3/prisma';
import type { SignalsConfig } from './config';
import { createSignalsContext } from './context';
import { parseSignal } from './domain/parser/parse-signal';
import { buildSignalsSchema } from './schema';
import { MessageIngestion } from './services/message-ingestion.service';
import { SignalEvents } from './services/signal-events';
import { SignalMarking } from './services/signal-marking.service';
import { SignalService } from './services/signal.service';
import { createPrismaSignalStore } from './store/prisma-signal.store';
import { createTelegramPoller } from './telegram/telegram-poller';
import { createTelegramWebhook } from './telegram/telegram-webhook';

export async function startSignals(config: SignalsConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const db = await openDatabase(config.database);
  const store = createPrismaSignalStore(db.prisma);
  const events = new SignalEvents();
  const ingestion = new MessageIngestion(store, { parse: parseSignal, events, logger, autoEnable: config.autoEnable, expiryDays: config.expiryDays });
  const signals = new SignalService(store, ingestion, parseSignal);
  // Messages a crash left RECEIVED are read before anything new.
  const resumed = await ingestion.resume();
  if (resumed > 0) logger.info({ resumed }, 'processed messages left unprocessed by the previous run');
  const bus = await createEventBus(config.busUrl, { clientId: 'signals', logger });
  const marking = new SignalMarking(store, events, logger);
  await marking.start(bus);
  const webhook = createTelegramWebhook({ secret: config.telegram.webhookSecret, sink: ingestion, logger });
  const polling = config.telegram.polling;
  // The offset is kept per bot (the token's public id part, never the secret part).
  const bot = polling?.token.split(':')[0] ?? '';
  const poller = polling
    ? createTelegramPoller({
        ...polling,
        sink: ingestion,
        logger,
        offsets: { load: () => store.loadPollOffset(bot), save: (offset) => store.savePollOffset(bot, offset, new Date()) },
      })
    : null;
  if (!config.telegram.webhookSecret) logger.info('TELEGRAM_WEBHOOK_SECRET is not set: POST /telegram/webhook answers 503 and stores nothing');
  const running = await startSubgraph({
    name: 'signals',
    port: config.port,
    logger,
    schema: await buildSignalsSchema(),
    context: (base) => createSignalsContext(base, signals, events),
    httpRoutes: [webhook.route],
    // closed last-first: the poller and the webhook's queue, marking, the bus, then the database
    resources: [
      databaseResource(db),
      { name: `bus:${bus.kind}`, ping: () => bus.ping(), close: () => bus.close() },
      {
        name: 'ingestion',
        close: async () => {
          await marking.stop();
          await ingestion.settled();
        },
      },
      webhook,
      ...(poller ? [poller] : []),
    ],
  });
  poller?.start();
  return running;
}
