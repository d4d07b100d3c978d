import type { Price } from '@b3/kit';
import { asBrokerOrderId, type BrokerOrderId, type Order } from '../src/domain/order-model';
import type { BrokerViewStatus } from '../src/domain/order-reconciliation';
import type { Issue, NewOrderFields, ReplaceChange } from '../src/domain/order-validation';
import { type ExecutionPort, VenueRefusedError, VenueUnreachableError, type VenueOrder } from '../src/services/execution.port';

/**
 * An in-memory venue behind the ExecutionPort: it records what it was asked and reports what the test
 * makes happen (acks, fills, cancels), as cumulative snapshots like ProfitDLL does. Nothing happens on its
 * own, so every test states the venue's behaviour it relies on.
 */
export interface FakeVenueOrder {
  id: BrokerOrderId;
  order: Order;
  venueStatus: string;
  quantity: number;
  price: Price | null;
  filled: number;
  /** Σ quantity × price of the fills, in 1/10,000 units, for the cumulative average. */
  notional: bigint;
  createdAt: string;
  message: string | null;
}

const STATUS: Readonly<Record<string, BrokerViewStatus | null>> = {
  PENDING_NEW: null,
  NEW: 'SUBMITTED',
  PENDING_CANCEL: 'SUBMITTED',
  PENDING_REPLACE: 'SUBMITTED',
  PARTIALLY_FILLED: 'PARTIALLY_FILLED',
  FILLED: 'FILLED',
  CANCELED: 'CANCELED',
  REJECTED: 'REJECTED',
};

const units = (price: string): bigint => {
  const [int, frac = ''] = price.split('.');
  return BigInt(int + frac.padEnd(4, '0'));
};
const fromUnits = (value: bigint, quantity: number): string => {
  const scaled = (value * 10_000n) / BigInt(quantity) / 10_000n;
  const text = scaled.toString().padStart(5, '0');
  return `${text.slice(0, -4)}.${text.slice(-4)}`.replace(/\.?0+$/, '');
};

export class FakeVenue implements ExecutionPort {
  readonly orders_ = new Map<BrokerOrderId, FakeVenueOrder>();
  readonly routed: Order[] = [];
  readonly cancels: BrokerOrderId[] = [];
  readonly replaces: Array<{ id: BrokerOrderId; change: ReplaceChange }> = [];
  private next = 1;
  private readonly listeners = new Set<(order: VenueOrder) => void>();
  private readonly connected = new Set<() => void>();
  /** Set to make the next route call fail this way. */
  failNextRoute: 'REFUSE' | 'UNREACHABLE' | null = null;
  /** Route calls hang until released: the window in which a process can die after the PENDING write. */
  holdRoutes = false;
  private held: Array<() => void> = [];
  /** Set to refuse cancels and replaces with this text (e.g. the order filled meanwhile). */
  refuseCommands: string | null = null;

  unsupported(order: NewOrderFields): Issue<'timeInForce' | 'type'> | null {
    return order.timeInForce === 'GTC' ? { field: 'timeInForce', rule: 'TIME_IN_FORCE', message: 'GTC is not supported by this venue' } : null;
  }

  async route(order: Order): Promise<BrokerOrderId> {
    if (this.holdRoutes) await new Promise<void>((resolve) => this.held.push(resolve));
    const failure = this.failNextRoute;
    this.failNextRoute = null;
    if (failure === 'REFUSE') throw new VenueRefusedError('price outside the band', 'BRIDGE_INVALID_ARGS');
    if (failure === 'UNREACHABLE') throw new VenueUnreachableError('socket hang up');
    return this.accept(order).id;
  }

  /** Takes the order as if routed (also what a route that "crashed" after sending leaves at the venue). */
  accept(order: Order): FakeVenueOrder {
    const id = asBrokerOrderId(String(this.next++));
    const entry: FakeVenueOrder = {
      id,
      order,
      venueStatus: 'PENDING_NEW',
      quantity: order.quantity,
      price: order.price,
      filled: 0,
      notional: 0n,
      createdAt: new Date(Date.parse(order.createdAt) + 1).toISOString(),
      message: null,
    };
    this.orders_.set(id, entry);
    this.routed.push(order);
    return entry;
  }

  releaseRoutes(): void {
    this.holdRoutes = false;
    this.held.splice(0).forEach((release) => release());
  }

  async cancel(order: Order): Promise<void> {
    const entry = this.entry(order.brokerOrderId!);
    this.cancels.push(entry.id);
    const refusal = this.refuseCommands ?? this.finished(entry);
    if (refusal) {
      this.report(entry, { message: refusal });
      return;
    }
    this.report(entry, { venueStatus: 'CANCELED' });
  }

  async replace(order: Order, change: ReplaceChange): Promise<void> {
    const entry = this.entry(order.brokerOrderId!);
    this.replaces.push({ id: entry.id, change });
    const refusal = this.refuseCommands ?? this.finished(entry);
    if (refusal) {
      this.report(entry, { message: refusal });
      return;
    }
    this.report(entry, { quantity: change.quantity ?? entry.quantity, price: change.price ?? entry.price, venueStatus: entry.filled > 0 ? 'PARTIALLY_FILLED' : 'NEW' });
  }

  async orders(): Promise<VenueOrder[]> {
    return [...this.orders_.values()].map((entry) => this.snapshot(entry));
  }

  describes(order: Order, venue: VenueOrder): boolean {
    return venue.symbol === order.symbol && venue.side === order.side && venue.quantity === order.quantity && venue.price === order.price;
  }

  onOrder(listener: (order: VenueOrder) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onConnected(listener: () => void): () => void {
    this.connected.add(listener);
    return () => this.connected.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }

  /** The venue acknowledges the order. */
  ack(id: BrokerOrderId): VenueOrder {
    return this.report(this.entry(id), { venueStatus: 'NEW' });
  }

  fill(id: BrokerOrderId, quantity: number, price: string): VenueOrder {
    const entry = this.entry(id);
    entry.filled += quantity;
    entry.notional += units(price) * BigInt(quantity);
    return this.report(entry, { venueStatus: entry.filled >= entry.quantity ? 'FILLED' : 'PARTIALLY_FILLED' });
  }

  reject(id: BrokerOrderId, message: string): VenueOrder {
    return this.report(this.entry(id), { venueStatus: 'REJECTED', message });
  }

  /** Sends a snapshot again, as a duplicated or late callback would. */
  replay(snapshot: VenueOrder): void {
    this.listeners.forEach((listener) => listener(snapshot));
  }

  reconnect(): void {
    this.connected.forEach((listener) => listener());
  }

  /** Like a real venue (and the simulator), a finished order refuses cancels and replaces. */
  private finished(entry: FakeVenueOrder): string | null {
    return ['FILLED', 'CANCELED', 'REJECTED'].includes(entry.venueStatus) ? `order is ${entry.venueStatus}` : null;
  }

  entry(id: BrokerOrderId): FakeVenueOrder {
    const entry = this.orders_.get(id);
    if (!entry) throw new Error(`the fake venue has no order ${id}`);
    return entry;
  }

  private report(entry: FakeVenueOrder, change: Partial<FakeVenueOrder>): VenueOrder {
    Object.assign(entry, { message: null }, change);
    const snapshot = this.snapshot(entry);
    this.listeners.forEach((listener) => listener(snapshot));
    return snapshot;
  }

  private snapshot(entry: FakeVenueOrder): VenueOrder {
    const status = STATUS[entry.venueStatus] ?? null;
    const viewStatus = status === 'SUBMITTED' && entry.filled > 0 ? 'PARTIALLY_FILLED' : status;
    return {
      brokerOrderId: entry.id,
      symbol: entry.order.symbol,
      side: entry.order.side,
      type: entry.order.type,
      status: viewStatus,
      venueStatus: entry.venueStatus,
      view:
        viewStatus === null
          ? null
          : {
              brokerOrderId: entry.id,
              status: viewStatus,
              filledQuantity: entry.filled,
              averagePrice: entry.filled > 0 ? fromUnits(entry.notional, entry.filled) : null,
              rejectReason: viewStatus === 'REJECTED' ? entry.message : null,
            },
      quantity: entry.quantity,
      price: entry.price,
      stopPrice: entry.order.stopPrice,
      message: entry.message,
      createdAt: entry.createdAt,
      at: new Date().toISOString(),
    };
  }
}
