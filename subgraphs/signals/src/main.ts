import { runService } from '@b3/kit';
import { startSignals } from './app';
import { loadSignalsConfig } from './config';

runService('signals', (logger) => startSignals(loadSignalsConfig(), logger));
