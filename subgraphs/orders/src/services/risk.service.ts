import { createAsyncQueue, hasRole, unauthenticated, type Viewer } from '@b3/kit';
import {
  DEFAULT_RISK_LIMITS,
  type KillSwitchState,
  type RiskCheckResult,
  type RiskDecision,
  RiskEngine,
  type RiskAuditRecord,
  type RiskLimits,
  type RiskPreview,
  type RiskLimitsInput,
  validateLimits,
} from '../domain/risk';
import { type OrderInput, validateOrder } from '../domain/order-validation';
import { OrderErrors } from '../errors';
import type { RiskLimitsChangeRecord, RiskStore } from '../store/risk.store';
import type { RiskCheck, RiskCheckRequest, RiskVerdict } from './risk-check.port';
import { FLAT_PNL, type MarketPrices, NO_PRICES, type PnlSource } from './risk-inputs.port';

export const REASON_MIN = 3;
export const REASON_MAX = 500;
/** How far a `riskEvents` subscriber may fall behind before its stream ends with an error. */
const EVENT_QUEUE = 10_000;

/** A decision as subscribers see it: the audit record plus the order id it was about. */
export interface RiskEvent extends RiskAuditRecord {
  readonly orderId: string;
}

/**
 * `ALL` runs every rule. `KILL_SWITCH` checks the kill switch alone: the mode the app runs in until phase 2b
 * wires market prices and P&L, because without a last trade the engine refuses every LIMIT (price band) and
 * MARKET (notional) order. Either way every decision is audited.
 */
export type RiskRuleSet = 'ALL' | 'KILL_SWITCH';

export interface RiskServiceOptions {
  /** Defaults to ALL. */
  rules?: RiskRuleSet;
  /** Defaults to a new engine; tests pass one with a fake clock and calendar. */
  engine?: RiskEngine;
  pnl?: PnlSource;
  prices?: MarketPrices;
  clock?: () => Date;
}

/**
 * An order being considered, as a client describes it (checked like a new order, with no key and as a day
 * order); the account defaults to the caller's own, and only an admin may name another.
 */
export type RiskPreviewRequest = Omit<OrderInput, 'account' | 'idempotencyKey' | 'timeInForce'> & { account?: string | null };

/** Validation needs a key; a preview never writes an order, so any well-formed one does. */
const PREVIEW_KEY = 'risk-preview';

/** Reads the kill switch for every check; KillSwitchService.state keeps it in memory after the first read. */
export type KillSwitchReader = () => Promise<KillSwitchState>;

/** Trimmed reason, or BAD_USER_INPUT naming `reason`. Shared with the kill switch. */
export function checkReason(reason: string | null | undefined): string {
  const trimmed = (reason ?? '').trim();
  if (trimmed.length < REASON_MIN || trimmed.length > REASON_MAX) throw OrderErrors.invalidReason(REASON_MIN, REASON_MAX);
  return trimmed;
}

/**
 * The RiskCheck port over the domain engine, plus the limits an admin edits. One instance per process:
 * it holds the one RiskEngine whose order-rate throttle has to see every order of an account.
 */
export class RiskService implements RiskCheck {
  private readonly limitsCache = new Map<string, RiskLimits>();
  readonly engine: RiskEngine;
  private readonly pnl: PnlSource;
  private readonly prices: MarketPrices;
  private readonly clock: () => Date;
  private readonly rules: RiskRuleSet;
  private readonly watchers = new Set<(event: RiskEvent) => void>();

  constructor(
    private readonly store: RiskStore,
    private readonly killSwitch: KillSwitchReader,
    options: RiskServiceOptions = {},
  ) {
    this.engine = options.engine ?? new RiskEngine();
    this.pnl = options.pnl ?? FLAT_PNL;
    this.prices = options.prices ?? NO_PRICES;
    this.clock = options.clock ?? (() => new Date());
    this.rules = options.rules ?? 'ALL';
  }

  /** Gathers the inputs, asks the engine, and records the decision whichever way it went. */
  async check(request: RiskCheckRequest): Promise<RiskVerdict> {
    const decision = this.rules === 'ALL' ? await this.decideAll(request) : killSwitchOnly(request, await this.killSwitch(), this.clock());
    // Recorded before answering: an order the caller goes on to write always has its approval on file.
    await this.store.recordDecision(decision.audit, request.orderId);
    const event: RiskEvent = { ...decision.audit, orderId: request.orderId };
    this.watchers.forEach((notify) => notify(event));
    return decision.approved ? { approved: true } : { approved: false, rejection: decision.rejection };
  }

  /**
   * Every rule's outcome for an order the caller is considering, with the inputs the real check would use
   * and nothing recorded (no audit row, no throttle count). A trader previews their own account, an admin
   * any account; the agents subgraph asks this instead of re-implementing the rules.
   */
  async preview(viewer: Viewer, input: RiskPreviewRequest): Promise<RiskPreview> {
    const account = this.visibleAccount(viewer, input.account);
    const validation = validateOrder({ ...input, account, timeInForce: 'DAY', idempotencyKey: PREVIEW_KEY, price: input.price ?? null, stopPrice: input.stopPrice ?? null });
    if (!validation.ok) throw OrderErrors.invalid('order', validation.issues);
    return this.engine.preview(await this.inputsFor(validation));
  }

  private async decideAll(request: RiskCheckRequest): Promise<RiskDecision> {
    return this.engine.check(await this.inputsFor(request));
  }

  /** What the engine needs besides the order, gathered at once. */
  private async inputsFor(request: Pick<RiskCheckRequest, 'order' | 'instrument'>) {
    const { order, instrument } = request;
    const [limits, killSwitch, pnl, position, lastTradePrice] = await Promise.all([
      this.limitsOf(order.account),
      this.killSwitch(),
      this.pnl.accountPnl(order.account),
      this.pnl.position(order.account, order.symbol),
      this.prices.lastTrade(order.symbol),
    ]);
    return {
      account: order.account,
      order: { symbol: order.symbol, side: order.side, type: order.type, quantity: order.quantity, price: order.price ?? order.stopPrice },
      limits,
      killSwitch,
      pnl,
      position,
      lastTradePrice,
      // DI1 trades on rates, not linearly in price; counting it as 1 BRL per point keeps the notional check
      // meaningful as an order-size guard rather than skipping it.
      multiplier: instrument.multiplier ?? '1',
      now: this.clock().getTime(),
    };
  }

  /** A trader sees their own account's limits, an admin any account's. */
  async riskLimits(viewer: Viewer, account: string): Promise<RiskLimits> {
    return this.limitsOf(this.visibleAccount(viewer, account));
  }

  /** Admin only; fields left out keep their current value. Returns the limits now in force. */
  async setRiskLimits(viewer: Viewer, account: string, input: RiskLimitsInput, reason: string): Promise<RiskLimits> {
    if (!hasRole(viewer, 'admin')) throw OrderErrors.adminOnly('change risk limits');
    const why = checkReason(reason);
    const target = account.trim();
    if (!target) throw OrderErrors.invalid('risk limits', [{ field: 'account', rule: 'REQUIRED', message: 'is required' }]);
    const before = await this.store.limits(target);
    const validation = validateLimits(input, before ?? DEFAULT_RISK_LIMITS);
    if (!validation.ok) throw OrderErrors.invalidLimits(validation.issues);
    await this.store.setLimits({ account: target, before, after: validation.limits, changedBy: viewer.id, reason: why, at: this.clock() });
    this.limitsCache.set(target, validation.limits);
    return validation.limits;
  }

  async riskLimitsHistory(viewer: Viewer, account: string): Promise<RiskLimitsChangeRecord[]> {
    return this.store.limitsHistory(this.visibleAccount(viewer, account));
  }

  /** Every decision for the viewer's account; an admin sees every account's. */
  riskEvents(viewer: Viewer | null): AsyncIterableIterator<RiskEvent> {
    if (!viewer) throw unauthenticated();
    const admin = hasRole(viewer, 'admin');
    const notify = (event: RiskEvent): void => {
      if (admin || event.account === viewer.id) queue.push(event);
    };
    const queue = createAsyncQueue<RiskEvent>({ limit: EVENT_QUEUE, onClose: () => this.watchers.delete(notify) });
    this.watchers.add(notify);
    return queue;
  }

  /**
   * Cached per account after the first read: every order needs them, and this service is their only
   * writer (one orders process owns the tables), so setRiskLimits keeps the cache current.
   */
  async limitsOf(account: string): Promise<RiskLimits> {
    const cached = this.limitsCache.get(account);
    if (cached) return cached;
    const limits = (await this.store.limits(account)) ?? DEFAULT_RISK_LIMITS;
    this.limitsCache.set(account, limits);
    return limits;
  }

  private visibleAccount(viewer: Viewer, account: string | null | undefined): string {
    const requested = account?.trim();
    if (!requested || requested === viewer.id) return viewer.id;
    if (!hasRole(viewer, 'admin')) throw OrderErrors.otherAccount();
    return requested;
  }
}

/** The KILL_SWITCH rule alone, worded as the engine words it, so the audit and the error look the same. */
function killSwitchOnly(request: RiskCheckRequest, state: KillSwitchState, at: Date): RiskDecision {
  const { order } = request;
  const check: RiskCheckResult = state.active
    ? { rule: 'KILL_SWITCH', passed: false, limit: 'inactive', actual: 'active' }
    : { rule: 'KILL_SWITCH', passed: true, limit: 'inactive', actual: 'inactive' };
  const base = { at, account: order.account, symbol: order.symbol, side: order.side, type: order.type, quantity: order.quantity, price: order.price ?? order.stopPrice, checks: [check] };
  if (!state.active) return { approved: true, audit: { ...base, approved: true } };
  const since = state.activatedAt ? ` since ${state.activatedAt.toISOString()}` : '';
  const message = `The kill switch is active${since}${state.reason ? `: ${state.reason}` : ''}; no new orders until an admin deactivates it`;
  const rejection = { rule: 'KILL_SWITCH' as const, code: 'KILL_SWITCH_ACTIVE' as const, limit: 'inactive', actual: 'active', message };
  return { approved: false, rejection, audit: { ...base, approved: false, rule: 'KILL_SWITCH', limit: 'inactive', actual: 'active', message } };
}
