import { runService } from '@b3/kit';
import { startAgents } from './app';
import { loadAgentsConfig } from './config';

runService('agents', (logger) => startAgents(loadAgentsConfig(), logger));
