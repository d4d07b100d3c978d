import { serviceViewer, signInternalViewer } from '@b3/kit';

const ORDERS_SERVICE = serviceViewer('orders');

/** The identity the orders service signs when it calls this subgraph's routing fields directly. */
export const ROUTING_CALLER_ID = ORDERS_SERVICE.id;

/** The `x-b3-viewer` header value for a routing call, signed with the platform's shared secret. */
export function signRoutingCaller(secret: string): Promise<string> {
  return signInternalViewer(ORDERS_SERVICE, secret);
}
