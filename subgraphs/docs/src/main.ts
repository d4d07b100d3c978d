import { runService } from '@b3/kit';
import { startDocs } from './app';
import { loadDocsConfig } from './config';

runService('docs', (logger) => startDocs(loadDocsConfig(), logger));
