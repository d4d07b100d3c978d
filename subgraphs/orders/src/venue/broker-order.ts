import { normalizeDecimalString, type Price } from '@b3/kit';
import { instrumentRules } from '../domain/instrument-rules';
import { formatPriceUnits, parsePriceUnits, type PriceUnits } from '../domain/money';
import { asBrokerOrderId, type Order } from '../domain/order-model';
import type { BrokerViewStatus } from '../domain/order-reconciliation';
import type { VenueOrder } from '../services/execution.port';

/**
 * The bridge's order records (its `BrokerOrder` GraphQL type, ProfitDLL's vocabulary) mapped onto ours, and
 * our orders mapped onto its `RouteOrderInput`. Pure, so every mapping decision is tested without a bridge.
 */

/** The fields of the bridge's BrokerOrder this adapter selects; the wire shape, not trusted beyond its types. */
export interface WireBrokerOrder {
  localOrderId: string;
  clOrderId: string | null;
  symbol: string;
  side: string;
  type: string;
  status: string;
  quantity: number;
  tradedQuantity: number;
  price: string | null;
  stopPrice: string | null;
  averagePrice: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  message: string | null;
  account: { brokerId: number; accountId: string; subAccountId: string | null };
}

export const BROKER_ORDER_FIELDS = `localOrderId clOrderId symbol side type status quantity tradedQuantity price stopPrice averagePrice createdAt updatedAt message account { brokerId accountId subAccountId }`;

/**
 * ProfitDLL statuses (ABI.md §7.1) by what they mean for us. Those before the broker's acknowledgement map
 * to null: nothing has happened that our lifecycle records, and treating PENDING_NEW as an ack would let a
 * later rejection look like a cancel. The partially-filled terminal states map to their terminal status;
 * the fills come from the cumulative quantity, not from the status name.
 */
const STATUS_MAP: Readonly<Record<string, BrokerViewStatus | null>> = {
  NEW: 'SUBMITTED',
  ACCEPTED_FOR_BIDDING: 'SUBMITTED',
  PENDING_CANCEL: 'SUBMITTED',
  PENDING_REPLACE: 'SUBMITTED',
  REPLACED: 'SUBMITTED',
  STOPPED: 'SUBMITTED',
  SUSPENDED: 'SUBMITTED',
  CALCULATED: 'SUBMITTED',
  PARTIALLY_FILLED: 'PARTIALLY_FILLED',
  FILLED: 'FILLED',
  CANCELED: 'CANCELED',
  PARTIALLY_FILLED_CANCELED: 'CANCELED',
  CANCELED_BY_ADMIN: 'CANCELED',
  EXPIRED: 'EXPIRED',
  DONE_FOR_DAY: 'EXPIRED',
  PARTIALLY_FILLED_EXPIRED: 'EXPIRED',
  REJECTED: 'REJECTED',
  PARTIALLY_FILLED_REJECTED: 'REJECTED',
  ORDER_NOT_CREATED: 'REJECTED',
  PENDING_NEW: null,
  RECEIVED: null,
  HADES_CREATED: null,
  BROKER_SENT: null,
  CLIENT_CREATED: null,
  SCHEDULED_ORDER: null,
  DELAY_FIX_GATEWAY: null,
  UNKNOWN: null,
};

/** A working order with fills is PARTIALLY_FILLED whatever transient name the DLL gives it (e.g. PENDING_CANCEL). */
function viewStatus(wire: WireBrokerOrder): BrokerViewStatus | null {
  const status = STATUS_MAP[wire.status] ?? null;
  if (status === 'SUBMITTED' && wire.tradedQuantity > 0) return 'PARTIALLY_FILLED';
  return status;
}

/** Decimal text from the bridge in canonical form (no trailing zeros), or null for anything else. */
function canonicalPrice(text: string | null): Price | null {
  if (text === null || !/^\d+(\.\d+)?$/.test(text) || Number(text) <= 0) return null;
  return normalizeDecimalString(text) as Price;
}

export function toVenueOrder(wire: WireBrokerOrder, receivedAt: string): VenueOrder {
  const status = viewStatus(wire);
  return {
    brokerOrderId: asBrokerOrderId(wire.localOrderId),
    symbol: wire.symbol,
    side: wire.side,
    type: wire.type,
    status,
    venueStatus: wire.status,
    view:
      status === null
        ? null
        : {
            brokerOrderId: asBrokerOrderId(wire.localOrderId),
            status,
            filledQuantity: wire.tradedQuantity,
            averagePrice: canonicalPrice(wire.averagePrice),
            rejectReason: status === 'REJECTED' ? (wire.message ?? `rejected by the broker (${wire.status})`) : null,
          },
    quantity: wire.quantity,
    price: canonicalPrice(wire.price),
    stopPrice: canonicalPrice(wire.stopPrice),
    message: wire.message,
    createdAt: wire.createdAt,
    at: wire.updatedAt ?? receivedAt,
  };
}

/** ProfitDLL's exchange letter: BMF ('F') for futures, Bovespa ('B') for the cash market. */
export function exchangeOf(symbol: string): 'B' | 'F' {
  const lookup = instrumentRules(symbol);
  return lookup.ok && lookup.instrument.assetClass === 'FUTURE' ? 'F' : 'B';
}

export interface RouteFields {
  symbol: string;
  exchange: string;
  side: string;
  type: 'MARKET' | 'LIMIT' | 'STOP_LIMIT';
  quantity: number;
  price: string | null;
  stopPrice: string | null;
}

/**
 * The DLL's send command has no stop-market code (ABI.md §7.1: market, limit, stop-limit), so a STOP goes
 * out as a stop-limit whose limit is `slippageTicks` ticks beyond the stop, in the direction that lets it
 * fill: a sell stop triggered in a falling market still trades down to that limit. The order we store stays
 * a STOP with no limit price; the protective limit is a venue detail, documented in docs/orders.md.
 */
export function routeFields(order: Order, slippageTicks: number): RouteFields {
  const base = { symbol: order.symbol, exchange: exchangeOf(order.symbol), side: order.side, quantity: order.quantity };
  if (order.type !== 'STOP') return { ...base, type: order.type, price: order.price, stopPrice: order.stopPrice };
  const stop = order.stopPrice as Price;
  const lookup = instrumentRules(order.symbol);
  const tick = lookup.ok ? parsePriceUnits(lookup.instrument.tickSize) : parsePriceUnits('0.01');
  const offset = tick * BigInt(slippageTicks);
  const stopUnits = parsePriceUnits(stop);
  const limit = order.side === 'BUY' ? stopUnits + offset : stopUnits - offset > 0n ? stopUnits - offset : tick;
  return { ...base, type: 'STOP_LIMIT', price: formatPriceUnits(limit as PriceUnits), stopPrice: stop };
}
