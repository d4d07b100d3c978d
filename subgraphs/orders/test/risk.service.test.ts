import type { Viewer } from '@b3/kit';
import { type Database, openTestDatabase, resetDatabase } from '@b3/prisma';
import { applyAndRecord } from '../src/domain/order-history';
import { createOrder } from '../src/domain/order-lifecycle';
import { asBrokerOrderId, asOrderId } from '../src/domain/order-model';
import { validateOrder } from '../src/domain/order-validation';
import { RiskEngine } from '../src/domain/risk';
import { AUTO_TRIP_BY, KillSwitchService } from '../src/services/kill-switch.service';
import { OrderService, type PlaceOrderRequest } from '../src/services/order.service';
import { fixedPrices } from '../src/services/risk-inputs.port';
import { RiskService } from '../src/services/risk.service';
import type { OrderStore } from '../src/store/order.store';
import { createPrismaOrderStore } from '../src/store/prisma-order.store';
import { createPrismaRiskStore } from '../src/store/prisma-risk.store';
import type { RiskStore } from '../src/store/risk.store';

const alice: Viewer = { id: 'u-alice', roles: ['trader'] };
const admin: Viewer = { id: 'u-admin', roles: ['admin'] };
/** A Monday, 10:00 in São Paulo: inside the default session, so TRADING_HOURS passes. */
const NOW = new Date('2026-03-02T13:00:00.000Z');

let keys = 0;
const nextKey = (): string => `risk-key-${String(++keys).padStart(8, '0')}`;
const limitBuy = (overrides: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => ({
  symbol: 'PETR4', side: 'BUY', type: 'LIMIT', timeInForce: 'DAY', quantity: 100, price: '38.50', idempotencyKey: nextKey(), ...overrides,
});

/** The error a promise rejected with, so its code and extensions can be compared. */
async function errorOf(promise: Promise<unknown>): Promise<{ code?: string; extensions: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; extensions: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

describe('risk service and kill switch over the database', () => {
  let db: Database;
  let orderStore: OrderStore;
  let riskStore: RiskStore;
  let killSwitch: KillSwitchService;
  let risk: RiskService;
  let orders: OrderService;

  /** New service instances on the same database: what a process restart looks like to the services. */
  // A second per reading, so history rows have distinct times and come back in a known order.
  let ticks = 0;
  const clock = (): Date => new Date(NOW.getTime() + 1000 * ticks++);
  const start = (): void => {
    killSwitch = new KillSwitchService(riskStore, orderStore, { clock });
    risk = new RiskService(riskStore, () => killSwitch.state(), {
      engine: new RiskEngine({ clock: () => clock().getTime() }),
      prices: fixedPrices({ PETR4: '38.50' }),
      clock,
    });
    orders = new OrderService(orderStore, { risk }, { clock });
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    orderStore = createPrismaOrderStore(db.prisma);
    riskStore = createPrismaRiskStore(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    ticks = 0;
    start();
  });

  describe('risk rules through placeOrder', () => {
    it('refuses an order over the quantity limit with rule, limit and actual, and stores no order', async () => {
      await risk.setRiskLimits(admin, alice.id, { maxOrderQuantity: 100 }, 'desk limit for a new trader');
      const error = await errorOf(orders.placeOrder(alice, limitBuy({ quantity: 200 })));
      expect(error.extensions).toMatchObject({ code: 'RISK_REJECTED', rule: 'MAX_ORDER_QUANTITY', limit: '100', actual: '200' });
      expect(await db.prisma.order.count()).toBe(0);
      // just at the limit passes
      await expect(orders.placeOrder(alice, limitBuy({ quantity: 100 }))).resolves.toMatchObject({ status: 'PENDING' });
    });

    it('refuses a LIMIT price outside the band around the last trade', async () => {
      const error = await errorOf(orders.placeOrder(alice, limitBuy({ price: '45.00' })));
      expect(error.extensions).toMatchObject({ code: 'RISK_REJECTED', rule: 'PRICE_BAND' });
      expect(error.extensions.limit).toEqual(expect.any(String));
      expect(error.extensions.actual).toEqual(expect.any(String));
      expect(await db.prisma.order.count()).toBe(0);
    });

    it('audits every decision, approved and refused, with the order id', async () => {
      const placed = await orders.placeOrder(alice, limitBuy());
      await errorOf(orders.placeOrder(alice, limitBuy({ price: '45.00' })));
      const rows = await db.prisma.riskDecision.findMany({ orderBy: { at: 'asc' } });
      expect(rows.map((r) => [r.account, r.approved, r.rule])).toEqual(
        expect.arrayContaining([[alice.id, true, null], [alice.id, false, 'PRICE_BAND']]),
      );
      expect(rows).toHaveLength(2);
      expect(rows.find((r) => r.approved)?.orderId).toBe(placed.id);
      expect(rows.every((r) => Array.isArray(r.checks) && (r.checks as unknown[]).length > 0)).toBe(true);
    });

    it('publishes each decision to the account and to admins, not to other traders', async () => {
      const mine = risk.riskEvents(alice);
      const other = risk.riskEvents({ id: 'u-bob', roles: ['trader'] });
      const all = risk.riskEvents(admin);
      const placed = await orders.placeOrder(alice, limitBuy());
      expect((await mine.next()).value).toMatchObject({ orderId: placed.id, approved: true });
      expect((await all.next()).value).toMatchObject({ orderId: placed.id });
      const pending = other.next();
      const first = await Promise.race([pending, new Promise((resolve) => setTimeout(() => resolve('nothing'), 20))]);
      expect(first).toBe('nothing');
      await Promise.all([mine.return?.(), other.return?.(), all.return?.()]);
    });
  });

  describe('kill switch', () => {
    /** Three working orders written through the store: one PENDING, two SUBMITTED. */
    async function threeWorkingOrders() {
      const written = [];
      for (const [n, submit] of [[1, false], [2, true], [3, true]] as const) {
        const validation = validateOrder({ ...limitBuy(), account: alice.id, price: '38.50', stopPrice: null });
        if (!validation.ok) throw new Error('invalid fixture');
        const order = createOrder(validation.order, { id: asOrderId(`00000000-0000-4000-8000-00000000000${n}`), at: NOW.toISOString() });
        await orderStore.insertPending(order);
        if (submit) {
          const result = applyAndRecord(order, [{ type: 'SUBMIT', brokerOrderId: asBrokerOrderId(`BRK-${n}`), at: NOW.toISOString() }]);
          if (!result.ok) throw new Error('fixture refused');
          await orderStore.save(result.order, result.applied);
        }
        written.push(order.id);
      }
      return written;
    }

    it('cancels all working orders on activation, refuses new ones, survives a restart, and needs admin + reason to lift', async () => {
      const ids = await threeWorkingOrders();
      expect((await db.prisma.order.findMany()).map((o) => o.status).sort()).toEqual(['PENDING', 'SUBMITTED', 'SUBMITTED']);

      const { state, canceled } = await killSwitch.activate(admin, 'market halt drill');
      expect(state).toMatchObject({ active: true, reason: 'market halt drill', changedBy: admin.id });
      expect(canceled.map((o) => o.id).sort()).toEqual([...ids].sort());
      expect((await db.prisma.order.findMany()).map((o) => o.status)).toEqual(['CANCELED', 'CANCELED', 'CANCELED']);

      const refused = await errorOf(orders.placeOrder(alice, limitBuy()));
      expect(refused.extensions).toMatchObject({ code: 'KILL_SWITCH_ACTIVE', rule: 'KILL_SWITCH' });

      start(); // a restart: fresh services, state read back from the table
      expect(await killSwitch.state()).toMatchObject({ active: true, reason: 'market halt drill' });
      expect((await errorOf(orders.placeOrder(alice, limitBuy()))).extensions.code).toBe('KILL_SWITCH_ACTIVE');

      expect((await errorOf(killSwitch.deactivate(alice, 'I want to trade'))).extensions.code).toBe('FORBIDDEN');
      const noReason = await errorOf(killSwitch.deactivate(admin, ''));
      expect(noReason.extensions.code).toBe('BAD_USER_INPUT');
      expect(noReason.extensions.fields).toEqual([expect.objectContaining({ field: 'reason' })]);
      expect((await errorOf(killSwitch.deactivate(admin, 'x'.repeat(501)))).extensions.code).toBe('BAD_USER_INPUT');
      expect((await killSwitch.state()).active).toBe(true);

      await expect(killSwitch.deactivate(admin, 'drill over')).resolves.toMatchObject({ active: false, reason: 'drill over' });
      await expect(orders.placeOrder(alice, limitBuy())).resolves.toMatchObject({ status: 'PENDING' });
      const events = await riskStore.killSwitchEvents('GLOBAL');
      expect(events.map((e) => [e.active, e.changedBy])).toEqual([[false, admin.id], [true, admin.id]]);
    });

    it('only an admin may activate it, and only with a reason', async () => {
      expect((await errorOf(killSwitch.activate(alice, 'panic button'))).extensions.code).toBe('FORBIDDEN');
      expect((await errorOf(killSwitch.activate(admin, '  '))).extensions.code).toBe('BAD_USER_INPUT');
      expect((await killSwitch.state()).active).toBe(false);
    });

    it('trips automatically once the daily loss reaches the limit, not before', async () => {
      const limits = await risk.limitsOf(alice.id);
      expect(await killSwitch.tripIfBreached(alice.id, { realizedToday: '-9999.99', unrealized: '0' }, limits)).toBeNull();
      const tripped = await killSwitch.tripIfBreached(alice.id, { realizedToday: '-6000', unrealized: '-4000' }, limits);
      expect(tripped?.state).toMatchObject({ active: true, changedBy: AUTO_TRIP_BY });
      expect((await errorOf(orders.placeOrder(alice, limitBuy()))).extensions.code).toBe('KILL_SWITCH_ACTIVE');
    });

    it('streams the current state at once, then each change', async () => {
      const stream = killSwitch.subscribe(admin);
      expect((await stream.next()).value).toMatchObject({ active: false });
      await killSwitch.activate(admin, 'drill');
      expect((await stream.next()).value).toMatchObject({ active: true, reason: 'drill' });
      await stream.return?.();
    });
  });

  describe('limits administration', () => {
    it('uses the defaults until an admin sets limits, and records each change with before and after', async () => {
      expect(await risk.riskLimits(alice, alice.id)).toMatchObject({ maxOrderQuantity: 5000 });
      await risk.setRiskLimits(admin, alice.id, { maxOrderQuantity: 1000 }, 'first setup');
      const after = await risk.setRiskLimits(admin, alice.id, { dailyLossLimit: '2500.50' }, 'tighter loss');
      expect(after).toMatchObject({ maxOrderQuantity: 1000, dailyLossLimit: '2500.5' });
      expect(await risk.riskLimits(alice, alice.id)).toEqual(after);

      const history = await risk.riskLimitsHistory(admin, alice.id);
      expect(history.map((h) => [h.reason, h.changedBy, h.before?.maxOrderQuantity ?? null, h.after.dailyLossLimit])).toEqual([
        ['tighter loss', admin.id, 1000, '2500.5'],
        ['first setup', admin.id, null, '10000'],
      ]);
    });

    it('refuses traders, names every invalid field, and requires a reason', async () => {
      expect((await errorOf(risk.setRiskLimits(alice, alice.id, { maxOrderQuantity: 1 }, 'more room'))).extensions.code).toBe('FORBIDDEN');
      const invalid = await errorOf(risk.setRiskLimits(admin, alice.id, { dailyLossLimit: '50', maxOrdersPerSecond: 0 }, 'typo test'));
      expect(invalid.extensions.code).toBe('BAD_USER_INPUT');
      expect((invalid.extensions.fields as Array<{ field: string }>).map((f) => f.field)).toEqual(['dailyLossLimit', 'maxOrdersPerSecond']);
      const noReason = await errorOf(risk.setRiskLimits(admin, alice.id, { maxOrderQuantity: 10 }, 'no'));
      expect(noReason.extensions.fields).toEqual([expect.objectContaining({ field: 'reason' })]);
      expect(await db.prisma.riskLimitsChange.count()).toBe(0);
      // a trader sees only their own
      expect((await errorOf(risk.riskLimits(alice, 'u-bob'))).extensions.code).toBe('FORBIDDEN');
    });
  });
});
