import { asOrderId } from '../domain/order-model';
import type { OrderCursor } from '../store/order.store';

/**
 * Page cursors are opaque to clients (base64url of the position), so the keyset behind them can change
 * without breaking anyone who only passes `endCursor` back as `after`.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodeCursor(cursor: OrderCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, 'utf8').toString('base64url');
}

/** Null for anything this service did not hand out. */
export function decodeCursor(text: string): OrderCursor | null {
  const [createdAt, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !createdAt || !id || !ISO_INSTANT.test(createdAt) || Number.isNaN(Date.parse(createdAt)) || !UUID.test(id)) return null;
  return { createdAt, id: asOrderId(id) };
}
