import { type Logger, startSubgraph } from '@b3/kit';
import { databaseResource, openDatabase } from '@b3/prisma';
import type { SignalsConfig } from './config';
import { createSignalsContext } from './context';
import { buildSignalsSchema } from './schema';
import { SignalService } from './services/signal.service';
import { createPrismaSignalStore } from './store/prisma-signal.store';

export async function startSignals(config: SignalsConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const db = await openDatabase(config.database);
  const signals = new SignalService(createPrismaSignalStore(db.prisma));
  return startSubgraph({
    name: 'signals',
    port: config.port,
    logger,
    schema: await buildSignalsSchema(),
    context: (base) => createSignalsContext(base, signals),
    resources: [databaseResource(db)],
  });
}
