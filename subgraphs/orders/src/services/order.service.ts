import { randomUUID } from 'node:crypto';
import { hasRole, unauthenticated, type Viewer } from '@b3/kit';
import { createOrder } from '../domain/order-lifecycle';
import { asOrderId, isWorking, type Order, type OrderId, type OrderStatus } from '../domain/order-model';
import { type OrderInput, validateOrder, validateReplace } from '../domain/order-validation';
import { OrderErrors } from '../errors';
import type { OrderStore } from '../store/order.store';
import { decodeCursor, encodeCursor } from './order-cursor';
import type { CommandOutcome, OrderRouting } from './order-routing.service';
import { OrderUpdates } from './order-updates';
import type { ExecutionPort } from './execution.port';
import type { RiskCheck } from './risk-check.port';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/**
 * A new order as a client asks for it (enum fields are checked by validateOrder, not trusted); the
 * account defaults to the caller's own, and only an admin may name another.
 */
export type PlaceOrderRequest = Omit<OrderInput, 'account'> & { account?: string | null };

export interface OrderFilter {
  /** Defaults to the caller's own account; only an admin may name another. */
  account?: string | null;
  status?: OrderStatus | null;
  symbol?: string | null;
}

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface OrderEdge {
  cursor: string;
  order: Order;
}

export interface OrderPage {
  edges: OrderEdge[];
  hasNextPage: boolean;
}

/**
 * Without a risk check every valid order is accepted; without routing orders are only written (tests of
 * the store and the API), and cancel/replace answer ORDERS_ROUTING_UNAVAILABLE.
 */
export interface OrderServicePorts {
  risk?: RiskCheck;
  routing?: OrderRouting;
  /** The venue's own limits on otherwise valid orders (e.g. time in force), checked with validation. */
  venue?: Pick<ExecutionPort, 'unsupported'>;
}

export interface ReplaceRequest {
  price?: string | null;
  quantity?: number | null;
}

export interface OrderServiceOptions {
  clock?: () => Date;
  newId?: () => OrderId;
  updates?: OrderUpdates;
}

/**
 * Places and reads orders. An account's orders are private: a trader sees and places only their own
 * (the viewer's id is the account), an admin may act for any account.
 */
export class OrderService {
  private readonly clock: () => Date;
  private readonly newId: () => OrderId;
  private readonly updates: OrderUpdates;

  constructor(
    private readonly store: OrderStore,
    readonly ports: OrderServicePorts = {},
    options: OrderServiceOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.newId = options.newId ?? (() => asOrderId(randomUUID()));
    this.updates = options.updates ?? new OrderUpdates();
  }

  /**
   * Validates, risk-checks and writes a new PENDING order (routing comes in phase 2, after the write, so a
   * crash in between cannot lose it).
   *
   * Idempotent on (account, idempotencyKey): a key the account has used before returns the order first
   * placed with it, unchanged, even when the other fields differ. The key names the order, so a retry must
   * never create a second one; a client that wants a different order uses a new key. Such a replay is not
   * risk-checked again (the order was approved once and must not count twice against the rate limit) and
   * publishes nothing (nothing changed). The request is still validated first: one that is invalid in
   * itself is refused, whatever its key.
   */
  async placeOrder(viewer: Viewer, request: PlaceOrderRequest): Promise<Order> {
    const account = this.accountFor(viewer, request.account);
    const validation = validateOrder({ ...request, account, price: request.price ?? null, stopPrice: request.stopPrice ?? null });
    if (!validation.ok) throw OrderErrors.invalid('order', validation.issues);
    const { order: fields, instrument } = validation;
    const unsupported = this.ports.venue?.unsupported(fields);
    if (unsupported) throw OrderErrors.invalid('order', [unsupported]);

    // A cheap read first, so a replay is answered without a risk check; the insert below is what makes
    // concurrent first attempts safe.
    const existing = await this.store.byIdempotencyKey(fields.account, fields.idempotencyKey);
    if (existing) return existing;

    const id = this.newId();
    if (this.ports.risk) {
      const verdict = await this.ports.risk.check({ orderId: id, order: fields, instrument, requestedBy: viewer });
      if (!verdict.approved) throw OrderErrors.riskRejected(verdict.rejection);
    }

    const result = await this.store.insertPending(createOrder(fields, { id, at: this.clock().toISOString() }));
    if (!result.created) return result.order;
    this.updates.publish(result.order);
    // Written first, routed second: a crash in between leaves a PENDING order that reconciliation settles.
    return this.ports.routing ? this.ports.routing.route(result.order) : result.order;
  }

  /**
   * Cancels a working order and waits briefly for the venue's confirmation: the order comes back CANCELED,
   * or as it is when the venue has not answered yet (the change then arrives on orderUpdates). A PENDING
   * order is cancelled as soon as the venue acknowledges it. A finished order is ORDERS_NOT_WORKING; a
   * venue refusal (e.g. it filled meanwhile) is ORDERS_VENUE_REFUSED with the venue's reason.
   */
  async cancelOrder(viewer: Viewer, id: string): Promise<Order> {
    const order = await this.order(viewer, id);
    if (order.status !== 'PENDING' && !isWorking(order.status)) throw OrderErrors.notWorking(order.id, order.status, 'cancelled');
    return this.settle(await this.routing().cancel(order));
  }

  /**
   * Changes a working order's limit price and/or total quantity. Validated like a new order (tick, lot,
   * stop/limit relation, above the filled quantity) and risk-checked as the order it would become; the
   * venue's confirmation is awaited like a cancel's.
   */
  async replaceOrder(viewer: Viewer, id: string, request: ReplaceRequest): Promise<Order> {
    const order = await this.order(viewer, id);
    const validation = validateReplace(order, { price: request.price ?? null, quantity: request.quantity ?? null });
    if (!validation.ok) throw OrderErrors.invalid('replace', validation.issues);
    const routing = this.routing();
    const { change } = validation;
    if (this.ports.risk) {
      const revised = validateOrder({ ...order, price: change.price ?? order.price, quantity: change.quantity ?? order.quantity, idempotencyKey: order.idempotencyKey });
      if (revised.ok) {
        const verdict = await this.ports.risk.check({ orderId: order.id, order: revised.order, instrument: revised.instrument, requestedBy: viewer });
        if (!verdict.approved) throw OrderErrors.riskRejected(verdict.rejection);
      }
    }
    return this.settle(await routing.replace(order, change));
  }

  /** Cancels every working (and PENDING) order of the caller's account, or of one symbol; returns them as they are afterwards. */
  async cancelAllOrders(viewer: Viewer, request: { account?: string | null; symbol?: string | null }): Promise<Order[]> {
    const account = this.accountFor(viewer, request.account);
    const symbol = request.symbol?.trim().toUpperCase() || undefined;
    const routing = this.routing();
    const targets = await this.store.pendingOrSubmitted({ account, symbol });
    const outcomes = await Promise.all(targets.map((order) => routing.cancel(order)));
    return outcomes.map((outcome) => outcome.order);
  }

  /** One order the viewer may see; ORDERS_NOT_FOUND otherwise, including for another account's order. */
  async order(viewer: Viewer, id: string): Promise<Order> {
    const order = id.trim() === '' ? null : await this.store.byId(asOrderId(id));
    if (!order || !this.maySee(viewer, order)) throw OrderErrors.notFound(id);
    return order;
  }

  /** DataLoader batch function: results in the order of `ids`, null where missing or not visible. */
  async visibleByIds(viewer: Viewer | null, ids: readonly OrderId[]): Promise<Array<Order | null>> {
    if (!viewer) throw unauthenticated();
    const found = new Map((await this.store.byIds(ids)).filter((o) => this.maySee(viewer, o)).map((o) => [o.id, o]));
    return ids.map((id) => found.get(id) ?? null);
  }

  /** One account's orders, newest first, a page at a time; `after` is a previous page's last cursor. */
  async orders(viewer: Viewer, filter: OrderFilter, page: PageRequest): Promise<OrderPage> {
    const account = this.accountFor(viewer, filter.account);
    const first = page.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw OrderErrors.pageSizeOutOfRange(MAX_PAGE_SIZE);
    const after = page.after ? decodeCursor(page.after) : undefined;
    if (after === null) throw OrderErrors.invalidCursor();
    const symbol = filter.symbol?.trim().toUpperCase();

    const { orders, hasMore } = await this.store.list({ account, status: filter.status ?? undefined, symbol: symbol || undefined, first, after });
    return {
      edges: orders.map((order) => ({ cursor: encodeCursor({ createdAt: order.createdAt, id: order.id }), order })),
      hasNextPage: hasMore,
    };
  }

  /** Every change to the viewer's own orders, in order; never conflated, never silently dropped. */
  orderUpdates(viewer: Viewer | null): AsyncIterableIterator<Order> {
    if (!viewer) throw unauthenticated();
    return this.updates.subscribe(viewer.id);
  }

  private routing(): OrderRouting {
    if (!this.ports.routing) throw OrderErrors.routingUnavailable();
    return this.ports.routing;
  }

  private settle(outcome: CommandOutcome): Order {
    if (outcome.kind === 'REFUSED') throw OrderErrors.venueRefused(outcome.order.id, outcome.reason);
    return outcome.order;
  }

  /** The account a request acts on: the viewer's own unless an admin names another. */
  private accountFor(viewer: Viewer, requested: string | null | undefined): string {
    const account = requested?.trim();
    if (!account || account === viewer.id) return viewer.id;
    if (!hasRole(viewer, 'admin')) throw OrderErrors.otherAccount();
    return account;
  }

  private maySee(viewer: Viewer, order: Order): boolean {
    return order.account === viewer.id || hasRole(viewer, 'admin');
  }
}
