import { runService } from '@b3/kit';
import { startIdeas } from './app';
import { loadIdeasConfig } from './config';

runService('ideas', (logger) => startIdeas(loadIdeasConfig(), logger));
