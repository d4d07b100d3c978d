import type { Logger } from '@b3/kit';
import type { TickStoreConfig } from '../config';
import { openDuckDbTickStore } from './duckdb-tick.store';
import { openQuestDbTickStore } from './questdb-tick.store';
import type { TickStore } from './tick.store';

export function openTickStore(config: TickStoreConfig, logger: Logger): Promise<TickStore> {
  return config.kind === 'questdb' ? openQuestDbTickStore({ ilp: config.ilp, pg: config.pg, logger }) : openDuckDbTickStore(config.path);
}
