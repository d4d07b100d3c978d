import { runService } from '@b3/kit';
import { startOrders } from './app';
import { loadOrdersConfig } from './config';

runService('orders', (logger) => startOrders(loadOrdersConfig(), logger));
