import { runService } from '@b3/kit';
import { startBridge } from './app';
import { loadBridgeConfig } from './config';

runService('bridge', (logger) => startBridge(loadBridgeConfig(), logger));
