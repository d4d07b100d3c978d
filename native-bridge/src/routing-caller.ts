import { signInternalViewer } from '@b3/kit';

/** The identity the orders service signs when it calls this subgraph's routing fields directly. */
export const ROUTING_CALLER_ID = 'service:orders';

/** The `x-b3-viewer` header value for a routing call, signed with the platform's shared secret. */
export function signRoutingCaller(secret: string): Promise<string> {
  return signInternalViewer({ id: ROUTING_CALLER_ID, roles: ['admin'] }, secret);
}
