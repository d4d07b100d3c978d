import type { Logger } from '@b3/kit';
import { applyAndRecord } from '../domain/order-history';
import { applyEvent, type OrderEvent } from '../domain/order-lifecycle';
import { isTerminal, isWorking, type BrokerOrderId, type Order, type OrderId } from '../domain/order-model';
import { reconcile } from '../domain/order-reconciliation';
import type { ReplaceChange } from '../domain/order-validation';
import { type OrderStore, OrderVersionConflictError } from '../store/order.store';
import { type ExecutionPort, VenueRefusedError, type VenueOrder } from './execution.port';
import type { OrderUpdates } from './order-updates';

/**
 * Everything between a stored order and the venue: routing after the PENDING write, applying the venue's
 * snapshots through the lifecycle, cancels and replaces with their confirmations, and reconciliation after
 * a restart or a dropped update stream.
 *
 * Never doubled: the venue (ProfitDLL) takes no client order id, so an order is tied to the venue's by the
 * id `route` returns, persisted at once with SUBMIT. If the process dies after the PENDING write and before
 * that, reconciliation looks for an unclaimed venue order with the same instrument, side, quantity, prices
 * and a creation time not before ours; it adopts it, or routes the order again only when there is none.
 */

export interface OrderRoutingOptions {
  updates: OrderUpdates;
  logger: Logger;
  clock?: () => Date;
  /** True while the kill switch is on: an order acknowledged then is cancelled at once. */
  halted?: () => Promise<boolean>;
  /** Called after fills were persisted, so positions follow. */
  onFills?: (account: string, symbol: string) => void;
  /** How long cancelOrder / replaceOrder wait for the venue's answer before returning the order as it is. */
  confirmTimeoutMs?: number;
}

export type CommandOutcome = { kind: 'DONE'; order: Order } | { kind: 'REFUSED'; order: Order; reason: string } | { kind: 'TIMEOUT'; order: Order };

interface PendingReplace {
  readonly sequence: number;
  readonly change: ReplaceChange;
}

type Waiter = (order: Order, venue: VenueOrder) => void;

/** A snapshot for an id we do not know yet is kept this long: the route call that returns it may still be in flight. */
const ORPHAN_TTL_MS = 30_000;
const SAVE_ATTEMPTS = 5;
/** The venue may stamp its creation time a little before our clock's; tolerated when matching a lost order. */
const CLOCK_SKEW_MS = 5_000;

export class OrderRouting {
  private readonly clock: () => Date;
  private readonly confirmTimeoutMs: number;
  private readonly orderIdByBroker = new Map<BrokerOrderId, OrderId>();
  /** Venue ids this process got back from `route`: never candidates when matching a lost order. */
  private readonly routedIds = new Set<BrokerOrderId>();
  private readonly inFlight = new Set<OrderId>();
  private readonly orphans = new Map<BrokerOrderId, { venue: VenueOrder; at: number }>();
  private readonly replaces = new Map<OrderId, PendingReplace>();
  /** Cancels already sent, so follow-ups do not repeat them. */
  private readonly cancelSent = new Set<OrderId>();
  /** Cancels asked for while the order was PENDING: sent once the venue acknowledges it. */
  private readonly cancelWanted = new Set<OrderId>();
  private readonly waiters = new Map<OrderId, Set<Waiter>>();
  private readonly chains = new Map<OrderId, Promise<unknown>>();
  private inbox: Promise<void> = Promise.resolve();
  private reconciling: Promise<void> | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private unsubscribe: Array<() => void> = [];
  mismatches = 0;

  constructor(
    private readonly store: OrderStore,
    private readonly venue: ExecutionPort,
    private readonly options: OrderRoutingOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? 3_000;
  }

  /** Listens to the venue; every (re)connection of its stream reconciles, which covers the start too. */
  start(): void {
    this.unsubscribe = [
      this.venue.onOrder((venue) => {
        // One at a time, in arrival order: snapshots of one order must be applied in the order they came.
        this.inbox = this.inbox.then(() => this.receive(venue)).catch((error: unknown) => this.options.logger.error({ err: error }, 'applying a venue order update failed'));
      }),
      this.venue.onConnected(() => void this.reconcileSoon(0)),
    ];
  }

  async stop(): Promise<void> {
    this.unsubscribe.forEach((off) => off());
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    await this.inbox;
  }

  /** Waits until every snapshot received so far is applied (tests and graceful shutdown). */
  settled(): Promise<void> {
    return this.inbox;
  }

  /**
   * Routes a PENDING order already written. Returns the order as it is afterwards: SUBMITTED with the
   * venue's id, FAILED when the venue refused it, or still PENDING when the outcome is unknown (then a
   * reconciliation is scheduled that adopts or re-routes it).
   */
  async route(order: Order): Promise<Order> {
    this.inFlight.add(order.id);
    try {
      let brokerOrderId: BrokerOrderId;
      try {
        brokerOrderId = await this.venue.route(order);
      } catch (error) {
        if (error instanceof VenueRefusedError) {
          return (await this.applyTo(order.id, () => [{ type: 'FAIL', reason: `not routed: ${error.message}`, at: this.now() }], order)) ?? order;
        }
        this.options.logger.warn({ err: error, orderId: order.id }, 'routing outcome unknown; the order stays PENDING until reconciliation settles it');
        this.reconcileSoon(1_000);
        return order;
      }
      this.routedIds.add(brokerOrderId);
      this.orderIdByBroker.set(brokerOrderId, order.id);
      const submitted = (await this.applyTo(order.id, () => [{ type: 'SUBMIT', brokerOrderId, at: this.now() }], order)) ?? order;
      // A snapshot that overtook the route call's answer waited for this id.
      const early = this.orphans.get(brokerOrderId);
      if (early) {
        this.orphans.delete(brokerOrderId);
        return (await this.applySnapshot(order.id, early.venue)) ?? submitted;
      }
      return submitted;
    } finally {
      this.inFlight.delete(order.id);
    }
  }

  /**
   * Asks the venue to cancel and waits for its answer. A PENDING order is cancelled as soon as the venue
   * acknowledges it.
   */
  async cancel(order: Order): Promise<CommandOutcome> {
    if (order.status === 'PENDING' || !order.brokerOrderId) {
      this.cancelWanted.add(order.id);
      return { kind: 'TIMEOUT', order };
    }
    const answer = this.waitFor(order.id, (current, venue) => {
      if (isTerminal(current.status)) return { kind: 'DONE', order: current };
      if (venue.message && venue.status !== null && venue.venueStatus !== 'PENDING_CANCEL') return { kind: 'REFUSED', order: current, reason: venue.message };
      return null;
    });
    this.cancelSent.add(order.id);
    try {
      await this.venue.cancel(order);
    } catch (error) {
      answer.cancel();
      this.cancelSent.delete(order.id);
      throw error;
    }
    return answer.result(order);
  }

  /** Sends a replace (validated by the caller) and waits for the confirmation or the refusal. */
  async replace(order: Order, change: ReplaceChange): Promise<CommandOutcome> {
    const pending: PendingReplace = { sequence: order.replaceSequence + 1, change };
    this.replaces.set(order.id, pending);
    const answer = this.waitFor(order.id, (current, venue) => {
      if (current.replaceSequence >= pending.sequence) return { kind: 'DONE', order: current };
      if (isTerminal(current.status)) return { kind: 'REFUSED', order: current, reason: `the order is ${current.status}` };
      if (venue.message && venue.venueStatus !== 'PENDING_REPLACE') return { kind: 'REFUSED', order: current, reason: venue.message };
      return null;
    });
    try {
      await this.venue.replace(order, change);
    } catch (error) {
      answer.cancel();
      this.replaces.delete(order.id);
      throw error;
    }
    const outcome = await answer.result(order);
    if (outcome.kind !== 'TIMEOUT') this.replaces.delete(order.id);
    return outcome;
  }

  /** Compares every PENDING and working order with the venue and applies what it says; see the class comment. */
  reconcile(): Promise<void> {
    this.reconciling ??= this.reconcileOnce().finally(() => {
      this.reconciling = null;
    });
    return this.reconciling;
  }

  private reconcileSoon(delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.reconcile().catch((error: unknown) => {
        this.options.logger.warn({ err: error }, 'reconciliation failed; retrying in 5 s');
        this.reconcileSoon(5_000);
      });
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private async reconcileOnce(): Promise<void> {
    const ours = await this.store.pendingOrSubmitted();
    if (ours.length === 0) return;
    const venueOrders = await this.venue.orders();
    const byId = new Map(venueOrders.map((v) => [v.brokerOrderId, v]));
    const claimed = new Set((await this.store.byBrokerOrderIds([...byId.keys()])).map((o) => o.brokerOrderId));
    let adopted = 0;
    let rerouted = 0;
    for (const order of ours) {
      if (order.brokerOrderId) {
        const venue = byId.get(order.brokerOrderId);
        if (venue) await this.applySnapshot(order.id, venue);
        else this.mismatch(order, 'the venue does not list this order');
        continue;
      }
      if (this.inFlight.has(order.id)) continue;
      const match = venueOrders
        .filter((v) => !claimed.has(v.brokerOrderId) && !this.routedIds.has(v.brokerOrderId) && this.couldBe(order, v))
        .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''))[0];
      if (match) {
        claimed.add(match.brokerOrderId);
        this.orderIdByBroker.set(match.brokerOrderId, order.id);
        await this.applyTo(order.id, () => [{ type: 'SUBMIT', brokerOrderId: match.brokerOrderId, at: this.now() }]);
        await this.applySnapshot(order.id, match);
        adopted++;
      } else {
        await this.route(order);
        rerouted++;
      }
    }
    this.options.logger.info({ checked: ours.length, adopted, rerouted, mismatches: this.mismatches }, 'orders reconciled with the venue');
  }

  /** Whether a venue order nobody claims could be the routing of our lost PENDING order. */
  private couldBe(order: Order, venue: VenueOrder): boolean {
    if (!this.venue.describes(order, venue)) return false;
    if (venue.createdAt === null) return true;
    return Date.parse(venue.createdAt) >= Date.parse(order.createdAt) - CLOCK_SKEW_MS;
  }

  private async receive(venue: VenueOrder): Promise<void> {
    let orderId = this.orderIdByBroker.get(venue.brokerOrderId);
    if (!orderId) {
      const [order] = await this.store.byBrokerOrderIds([venue.brokerOrderId]);
      if (!order) {
        this.keepOrphan(venue);
        return;
      }
      orderId = order.id;
      this.orderIdByBroker.set(venue.brokerOrderId, orderId);
    }
    await this.applySnapshot(orderId, venue);
  }

  private keepOrphan(venue: VenueOrder): void {
    const now = Date.now();
    for (const [id, entry] of this.orphans) if (now - entry.at > ORPHAN_TTL_MS) this.orphans.delete(id);
    this.orphans.set(venue.brokerOrderId, { venue, at: now });
  }

  /** The events a snapshot implies for the order: a confirmed replace, then whatever reconcile finds. */
  private eventsFor(order: Order, venue: VenueOrder): OrderEvent[] {
    const events: OrderEvent[] = [];
    let current = order;
    const pending = this.replaces.get(order.id);
    if (pending && venue.status !== null && isWorking(venue.status) && venue.venueStatus !== 'PENDING_REPLACE') {
      const quantity = pending.change.quantity ?? order.quantity;
      const price = pending.change.price ?? order.price;
      if (venue.quantity === quantity && venue.price === price) {
        const event: OrderEvent = { type: 'REPLACE', sequence: pending.sequence, ...pending.change, at: venue.at };
        const result = applyEvent(current, event);
        if (result.ok) {
          events.push(event);
          current = result.order;
        }
      }
    }
    if (!venue.view) return events;
    // The stream is conflated and may repeat an older snapshot after reconciliation moved us ahead.
    if (venue.view.filledQuantity < current.filledQuantity) return events;
    const result = reconcile(current, venue.view, venue.at);
    if (result.kind === 'APPLY') events.push(...result.events);
    if (result.kind === 'MISMATCH') this.mismatch(order, result.reason);
    return events;
  }

  private async applySnapshot(orderId: OrderId, venue: VenueOrder): Promise<Order | null> {
    const order = await this.applyTo(orderId, (current) => this.eventsFor(current, venue));
    if (!order) return null;
    this.waiters.get(orderId)?.forEach((notify) => notify(order, venue));
    await this.followUp(order);
    return order;
  }

  /** What a newly working order may need at once: IOC's remainder, the kill switch, a cancel asked while PENDING. */
  private async followUp(order: Order): Promise<void> {
    if (!isWorking(order.status) || !order.brokerOrderId || this.cancelSent.has(order.id)) return;
    const wanted = order.timeInForce === 'IOC' || this.cancelWanted.has(order.id) || (await this.options.halted?.()) === true;
    if (!wanted || this.cancelSent.has(order.id)) return;
    // Marked before sending, so the next snapshot of the order does not send a second cancel.
    this.cancelSent.add(order.id);
    this.cancelWanted.delete(order.id);
    this.venue.cancel(order).catch((error: unknown) => this.options.logger.warn({ err: error, orderId: order.id }, 'cancel after acknowledgement failed'));
  }

  /**
   * Reloads, applies what `derive` returns and saves, retrying when another writer got there first (the
   * lifecycle is idempotent, so re-deriving on the fresh copy is safe). Serialised per order. `known` is a
   * copy the caller just read or wrote, tried first to save a read; a stale one only costs a retry.
   */
  private applyTo(orderId: OrderId, derive: (order: Order) => OrderEvent[], known?: Order): Promise<Order | null> {
    const run = async (): Promise<Order | null> => {
      for (let attempt = 1; ; attempt++) {
        const order = attempt === 1 && known ? known : await this.store.byId(orderId);
        if (!order) return null;
        const events = derive(order);
        if (events.length === 0) return order;
        const result = applyAndRecord(order, events);
        if (!result.ok) {
          this.mismatch(order, `${events[result.index]?.type} refused: ${result.reason}`);
          return order;
        }
        if (result.applied.length === 0) return order;
        try {
          await this.store.save(result.order, result.applied);
        } catch (error) {
          if (error instanceof OrderVersionConflictError && attempt < SAVE_ATTEMPTS) continue;
          throw error;
        }
        this.options.updates.publish(result.order);
        if (result.order.filledQuantity !== order.filledQuantity || result.order.fills.length !== order.fills.length) {
          this.options.onFills?.(result.order.account, result.order.symbol);
        }
        return result.order;
      }
    };
    const previous = this.chains.get(orderId) ?? Promise.resolve();
    const next = previous.then(run, run);
    const tail = next.catch(() => undefined);
    this.chains.set(orderId, tail);
    void tail.then(() => {
      if (this.chains.get(orderId) === tail) this.chains.delete(orderId);
    });
    return next;
  }

  private waitFor(orderId: OrderId, decide: (order: Order, venue: VenueOrder) => CommandOutcome | null): { result(order: Order): Promise<CommandOutcome>; cancel(): void } {
    let settle: (outcome: CommandOutcome) => void = () => undefined;
    const done = new Promise<CommandOutcome>((resolve) => {
      settle = resolve;
    });
    const notify: Waiter = (order, venue) => {
      const outcome = decide(order, venue);
      if (outcome) settle(outcome);
    };
    const set = this.waiters.get(orderId) ?? new Set<Waiter>();
    set.add(notify);
    this.waiters.set(orderId, set);
    const remove = (): void => {
      set.delete(notify);
      if (set.size === 0) this.waiters.delete(orderId);
    };
    return {
      cancel: remove,
      result: async (order) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<CommandOutcome>((resolve) => {
          timer = setTimeout(() => resolve({ kind: 'TIMEOUT', order }), this.confirmTimeoutMs);
        });
        try {
          const outcome = await Promise.race([done, timeout]);
          if (outcome.kind !== 'TIMEOUT') return outcome;
          return { kind: 'TIMEOUT', order: (await this.store.byId(order.id)) ?? order };
        } finally {
          clearTimeout(timer);
          remove();
        }
      },
    };
  }

  private mismatch(order: Order, reason: string): void {
    this.mismatches++;
    this.options.logger.warn({ orderId: order.id, brokerOrderId: order.brokerOrderId, status: order.status, reason }, 'order and venue disagree; left for a person to settle');
  }

  private now(): string {
    return this.clock().toISOString();
  }
}
