import { runService } from '@b3/kit';
import { startMarket } from './app';
import { loadMarketConfig } from './config';

runService('market', (logger) => startMarket(loadMarketConfig(), logger));
