import { type Logger, startSubgraph } from '@b3/kit';
import { openDatabase } from '@b3/prisma';
import type { SignalsConfig } from './config';
import { createSignalsContext } from './context';
import { buildSignalsSchema } from './schema';
import { SignalService } from './services/signal.service';
import { createPrismaSignalStore } from './store/prisma-signal.store';

export async function startSignals(config: SignalsConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const db = await openDatabase({ service: 'signals', databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const signals = new SignalService(createPrismaSignalStore(db.prisma));
  const server = await startSubgraph({
    name: 'signals',
    port: config.port,
    logger,
    schema: await buildSignalsSchema(),
    context: (base) => createSignalsContext(base, signals),
    healthChecks: [{ name: `database:${db.kind}`, critical: true, check: async () => void (await db.ping()) }],
  });
  return {
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
