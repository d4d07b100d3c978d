import { createAsyncQueue, hasRole, unauthenticated, type Viewer } from '@b3/kit';
import { applyAndRecord } from '../domain/order-history';
import type { Order } from '../domain/order-model';
import { type AccountPnl, dailyLoss, type RiskLimits, shouldTripKillSwitch } from '../domain/risk';
import { OrderErrors } from '../errors';
import { type OrderStore, OrderVersionConflictError } from '../store/order.store';
import { GLOBAL_SCOPE, type RiskStore, type StoredKillSwitch } from '../store/risk.store';
import type { OrderRouting } from './order-routing.service';
import type { OrderUpdates } from './order-updates';
import { checkReason } from './risk.service';

/** How far a `killSwitch` subscriber may fall behind before its stream ends with an error. */
const STATE_QUEUE = 1_000;
/** changedBy of an automatic activation: the rule that tripped it, not a person. */
export const AUTO_TRIP_BY = 'DAILY_LOSS';

export interface KillSwitchOptions {
  /** When set, working orders are cancelled at the venue; see cancelWorkingOrders. */
  routing?: Pick<OrderRouting, 'cancel'>;
  /** The order service's fan-out, so local cancels reach `orderUpdates` subscribers. */
  updates?: OrderUpdates;
  clock?: () => Date;
}

export interface ActivationResult {
  readonly state: StoredKillSwitch;
  /** Orders cancelled locally, or for which a cancel was sent to the broker. */
  readonly canceled: readonly Order[];
}

/**
 * The platform's one kill switch (scope GLOBAL: an admin stops everything at once, and an account's daily
 * loss stops everything too; per-account scopes fit the table but no one has asked for them). Its state
 * lives in `kill_switches`, so it survives restarts; this service caches it after the first read because
 * every order checks it, and it is the only writer.
 */
export class KillSwitchService {
  private cached: StoredKillSwitch | null = null;
  private readonly watchers = new Set<(state: StoredKillSwitch) => void>();
  private readonly clock: () => Date;

  constructor(
    private readonly riskStore: RiskStore,
    private readonly orderStore: OrderStore,
    private readonly options: KillSwitchOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** The current state; read from the table the first time, so a restart comes back as it left. */
  async state(): Promise<StoredKillSwitch> {
    this.cached ??= await this.riskStore.killSwitch(GLOBAL_SCOPE);
    return this.cached;
  }

  /** Admin only, reason 3–500 characters. */
  async activate(viewer: Viewer, reason: string): Promise<ActivationResult> {
    if (!hasRole(viewer, 'admin')) throw OrderErrors.adminOnly('activate the kill switch');
    return this.turnOn(viewer.id, checkReason(reason));
  }

  /** Admin only, reason 3–500 characters. Orders cancelled on activation stay cancelled. */
  async deactivate(viewer: Viewer, reason: string): Promise<StoredKillSwitch> {
    if (!hasRole(viewer, 'admin')) throw OrderErrors.adminOnly('deactivate the kill switch');
    const why = checkReason(reason);
    const current = await this.state();
    if (!current.active) return current;
    return this.persist({ active: false, reason: why, changedBy: viewer.id });
  }

  /**
   * The P&L service (phase 2b) calls this whenever an account's P&L moves: it trips the switch once the
   * day's loss reaches the account's limit, the same threshold at which the engine refuses on DAILY_LOSS.
   * Returns null when nothing tripped.
   */
  async tripIfBreached(account: string, pnl: AccountPnl, limits: RiskLimits): Promise<ActivationResult | null> {
    if (!shouldTripKillSwitch(pnl, limits)) return null;
    if ((await this.state()).active) return null;
    return this.turnOn(AUTO_TRIP_BY, `Account ${account} lost ${dailyLoss(pnl)} BRL today; its daily loss limit is ${limits.dailyLossLimit}`);
  }

  /** The current state at once, then every change. */
  subscribe(viewer: Viewer | null): AsyncIterableIterator<StoredKillSwitch> {
    if (!viewer) throw unauthenticated();
    const notify = (state: StoredKillSwitch): void => queue.push(state);
    const queue = createAsyncQueue<StoredKillSwitch>({ limit: STATE_QUEUE, onClose: () => this.watchers.delete(notify) });
    this.watchers.add(notify);
    // Pushed after registering, so a change made while the first read runs is not missed (it may arrive
    // twice); the cached value, not the read's, so an older read can never arrive after a newer change.
    this.state().then(
      () => notify(this.cached!),
      // the store was unreachable: end this stream with the error rather than leave it silent
      (error: unknown) => queue.end(error instanceof Error ? error : new Error(String(error))),
    );
    return queue;
  }

  private async turnOn(changedBy: string, reason: string): Promise<ActivationResult> {
    const current = await this.state();
    // Persisted first: from here on every new order is refused, so the sweep below cannot miss one.
    const state = current.active ? current : await this.persist({ active: true, reason, changedBy });
    // Swept even when it was already on: harmless, and it catches anything a crashed sweep left working.
    const canceled = await this.cancelWorkingOrders();
    return { state, canceled };
  }

  private async persist(change: { active: boolean; reason: string; changedBy: string }): Promise<StoredKillSwitch> {
    const state = await this.riskStore.setKillSwitch({ scope: GLOBAL_SCOPE, ...change, at: this.clock() });
    this.cached = state;
    this.watchers.forEach((notify) => notify(state));
    return state;
  }

  /**
   * With routing configured, every working order gets a cancel sent to the venue and the venue's
   * confirmation is awaited briefly (a PENDING one is cancelled as soon as the venue acknowledges it). One
   * order failing to cancel does not stop the sweep. Without routing nothing was ever sent, so there is
   * nothing at a venue to cancel: the orders are marked CANCELED here, through the lifecycle and the store,
   * so none stays working.
   */
  private async cancelWorkingOrders(): Promise<Order[]> {
    const orders = await this.orderStore.pendingOrSubmitted();
    const routing = this.options.routing;
    if (routing) {
      const outcomes = await Promise.allSettled(orders.map((order) => routing.cancel(order)));
      return outcomes.map((outcome, i) => (outcome.status === 'fulfilled' ? outcome.value.order : orders[i]));
    }
    const done: Order[] = [];
    for (const order of orders) {
      const canceled = await this.cancelLocally(order);
      if (canceled) done.push(canceled);
    }
    return done;
  }

  /** Retries on a concurrent write: the lifecycle is idempotent, so re-applying CANCEL to a fresh copy is safe. */
  private async cancelLocally(order: Order, attempts = 3): Promise<Order | null> {
    const result = applyAndRecord(order, [{ type: 'CANCEL', at: this.clock().toISOString() }]);
    // Refused (a FILLED order, say) or already cancelled: nothing left working.
    if (!result.ok || result.applied.length === 0) return null;
    try {
      await this.orderStore.save(result.order, result.applied);
    } catch (error) {
      if (!(error instanceof OrderVersionConflictError) || attempts <= 1) throw error;
      const fresh = await this.orderStore.byId(order.id);
      return fresh ? this.cancelLocally(fresh, attempts - 1) : null;
    }
    this.options.updates?.publish(result.order);
    return result.order;
  }
}
