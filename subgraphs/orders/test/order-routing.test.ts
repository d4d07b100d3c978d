import { createLogger, type Viewer } from '@b3/kit';
import { type Database, openTestDatabase, resetDatabase } from '@b3/prisma';
import { asBrokerOrderId, type Order } from '../src/domain/order-model';
import { KillSwitchService } from '../src/services/kill-switch.service';
import { OrderRouting } from '../src/services/order-routing.service';
import { OrderUpdates } from '../src/services/order-updates';
import { OrderService, type PlaceOrderRequest } from '../src/services/order.service';
import { RiskService } from '../src/services/risk.service';
import type { OrderStore } from '../src/store/order.store';
import { createPrismaOrderStore } from '../src/store/prisma-order.store';
import { createPrismaRiskStore } from '../src/store/prisma-risk.store';
import type { RiskStore } from '../src/store/risk.store';
import { FakeVenue } from './fake-venue';

const alice: Viewer = { id: 'u-alice', roles: ['trader'] };
const bob: Viewer = { id: 'u-bob', roles: ['trader'] };
const admin: Viewer = { id: 'u-admin', roles: ['admin'] };
const logger = createLogger('orders-test', 'silent');

let keys = 0;
const nextKey = (): string => `route-key-${String(++keys).padStart(8, '0')}`;
const limitBuy = (overrides: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => ({
  symbol: 'PETR4', side: 'BUY', type: 'LIMIT', timeInForce: 'DAY', quantity: 300, price: '38.50', idempotencyKey: nextKey(), ...overrides,
});

async function errorOf(promise: Promise<unknown>): Promise<{ extensions: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { extensions: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

/** One orders process: services over the shared database and venue. A "restart" builds a new one. */
interface Process {
  orders: OrderService;
  routing: OrderRouting;
  killSwitch: KillSwitchService;
  published: Order[];
  fills: string[];
}

describe('routing through the execution port', () => {
  let db: Database;
  let store: OrderStore;
  let riskStore: RiskStore;
  let venue: FakeVenue;
  let proc: Process;
  const processes: Process[] = [];

  const start = (): Process => {
    const updates = new OrderUpdates();
    const published: Order[] = [];
    const publish = updates.publish.bind(updates);
    updates.publish = (order) => {
      published.push(order);
      publish(order);
    };
    const fills: string[] = [];
    let killSwitch: KillSwitchService | undefined;
    const routing = new OrderRouting(store, venue, {
      updates,
      logger,
      confirmTimeoutMs: 200,
      halted: async () => (await killSwitch!.state()).active,
      onFills: (account, symbol) => fills.push(`${account}/${symbol}`),
    });
    killSwitch = new KillSwitchService(riskStore, store, { updates, routing });
    const risk = new RiskService(riskStore, () => killSwitch!.state(), { rules: 'KILL_SWITCH' });
    const orders = new OrderService(store, { risk, routing, venue }, { updates });
    routing.start();
    const p = { orders, routing, killSwitch, published, fills };
    processes.push(p);
    return p;
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    store = createPrismaOrderStore(db.prisma);
    riskStore = createPrismaRiskStore(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    venue = new FakeVenue();
    proc = start();
  });
  afterEach(async () => {
    venue.releaseRoutes();
    await Promise.all(processes.splice(0).map((p) => p.routing.stop()));
  });

  const stored = async (id: string): Promise<Order> => (await store.byId(id as Order['id']))!;

  it('routes after the PENDING write and follows the venue to FILLED, a fill at a time', async () => {
    const placed = await proc.orders.placeOrder(alice, limitBuy());
    expect(placed).toMatchObject({ status: 'SUBMITTED', brokerOrderId: '1' });
    expect(proc.published.map((o) => o.status)).toEqual(['PENDING', 'SUBMITTED']);

    const id = asBrokerOrderId('1');
    venue.ack(id);
    venue.fill(id, 100, '38.50');
    venue.fill(id, 200, '38.40');
    await proc.routing.settled();

    const order = await stored(placed.id);
    expect(order).toMatchObject({ status: 'FILLED', filledQuantity: 300, averageFillPrice: '38.4333' });
    expect(order.fills.map((f) => [f.fillId, f.quantity, f.price])).toEqual([
      ['1@100', 100, '38.5'],
      ['1@300', 200, '38.4'],
    ]);
    expect(proc.fills).toEqual(['u-alice/PETR4', 'u-alice/PETR4']);
  });

  it('ignores duplicated and late snapshots: replaying the whole stream changes nothing', async () => {
    const placed = await proc.orders.placeOrder(alice, limitBuy());
    const id = asBrokerOrderId('1');
    const stream = [venue.ack(id), venue.fill(id, 100, '38.50'), venue.fill(id, 200, '38.50')];
    await proc.routing.settled();
    const before = await stored(placed.id);

    // late ones first, then everything twice
    [...stream].reverse().forEach((s) => venue.replay(s));
    stream.forEach((s) => venue.replay(s));
    await proc.routing.settled();

    const after = await stored(placed.id);
    expect(after.version).toBe(before.version);
    expect(after.fills).toHaveLength(2);
    expect(await db.prisma.orderFill.count()).toBe(2);
  });

  it('applies a snapshot that overtook the route call once the id is known', async () => {
    // The venue fills before the route call returns: the snapshot names an id we do not know yet.
    venue.route = async (order) => {
      const entry = venue.accept(order);
      venue.fill(entry.id, 100, '38.50');
      await proc.routing.settled();
      return entry.id;
    };
    const placed = await proc.orders.placeOrder(alice, limitBuy({ quantity: 100 }));
    expect(placed).toMatchObject({ status: 'FILLED', filledQuantity: 100, brokerOrderId: '1' });
  });

  it('marks an order the venue refused FAILED with its reason', async () => {
    venue.failNextRoute = 'REFUSE';
    const placed = await proc.orders.placeOrder(alice, limitBuy());
    expect(placed.status).toBe('FAILED');
    expect(placed.rejectReason).toContain('price outside the band');
  });

  it('refuses a time in force the venue cannot honour before writing anything', async () => {
    const error = await errorOf(proc.orders.placeOrder(alice, limitBuy({ timeInForce: 'GTC' })));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'timeInForce', rule: 'TIME_IN_FORCE' })] });
    expect(await db.prisma.order.count()).toBe(0);
  });

  describe('crash between persist and route', () => {
    it('routes a PENDING order the venue never saw exactly once after a restart, and the same key returns it', async () => {
      venue.holdRoutes = true;
      const request = limitBuy();
      void proc.orders.placeOrder(alice, request).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await store.pendingOrSubmitted()).map((o) => o.status)).toEqual(['PENDING']);
      // the process dies here: its route call never reaches the venue
      await proc.routing.stop();
      venue.route = FakeVenue.prototype.route.bind(venue);
      venue.holdRoutes = false;

      const restarted = start();
      await restarted.routing.reconcile();
      expect(venue.routed).toHaveLength(1);
      const [order] = await db.prisma.order.findMany();
      expect(order.status).toBe('SUBMITTED');

      const again = await restarted.orders.placeOrder(alice, request);
      expect(again.id).toBe(order.id);
      expect(await db.prisma.order.count()).toBe(1);
      expect(venue.routed).toHaveLength(1);
      // reconciling again finds nothing to do
      await restarted.routing.reconcile();
      expect(venue.routed).toHaveLength(1);
    });

    it('adopts the venue order when the process died after sending it, instead of routing twice', async () => {
      venue.holdRoutes = true;
      void proc.orders.placeOrder(alice, limitBuy()).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const [pending] = await store.pendingOrSubmitted();
      // the venue got it and filled part, but the answer never came back
      const entry = venue.accept(pending);
      venue.ack(entry.id);
      venue.fill(entry.id, 100, '38.50');
      await proc.routing.stop();

      const restarted = start();
      await restarted.routing.reconcile();
      expect(venue.routed).toHaveLength(1);
      expect(await stored(pending.id)).toMatchObject({ status: 'PARTIALLY_FILLED', brokerOrderId: entry.id, filledQuantity: 100 });
    });

    it('catches up on fills missed while the update stream was down', async () => {
      const placed = await proc.orders.placeOrder(alice, limitBuy());
      const entry = venue.entry(asBrokerOrderId('1'));
      // fills reported while nobody listened
      const off = proc.routing.stop();
      await off;
      entry.filled = 300;
      entry.notional = 300n * 385000n;
      entry.venueStatus = 'FILLED';
      const restarted = start();
      venue.reconnect();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await restarted.routing.reconcile();
      expect(await stored(placed.id)).toMatchObject({ status: 'FILLED', filledQuantity: 300, averageFillPrice: '38.5' });
    });
  });

  describe('cancel and replace', () => {
    it('cancels a working order and returns it CANCELED', async () => {
      const placed = await proc.orders.placeOrder(alice, limitBuy());
      venue.ack(asBrokerOrderId('1'));
      const canceled = await proc.orders.cancelOrder(alice, placed.id);
      expect(canceled.status).toBe('CANCELED');
      expect(venue.cancels).toEqual(['1']);
    });

    it('reports a venue refusal as ORDERS_VENUE_REFUSED and leaves the order working', async () => {
      const placed = await proc.orders.placeOrder(alice, limitBuy());
      venue.ack(asBrokerOrderId('1'));
      venue.refuseCommands = 'order already being filled';
      const error = await errorOf(proc.orders.cancelOrder(alice, placed.id));
      expect(error.extensions).toMatchObject({ code: 'ORDERS_VENUE_REFUSED', reason: 'order already being filled' });
      expect((await stored(placed.id)).status).toBe('SUBMITTED');
    });

    it('refuses to cancel a finished order or another account’s order', async () => {
      const placed = await proc.orders.placeOrder(alice, limitBuy({ quantity: 100 }));
      venue.fill(asBrokerOrderId('1'), 100, '38.50');
      await proc.routing.settled();
      expect((await errorOf(proc.orders.cancelOrder(alice, placed.id))).extensions).toMatchObject({ code: 'ORDERS_NOT_WORKING', status: 'FILLED' });
      expect((await errorOf(proc.orders.cancelOrder(bob, placed.id))).extensions).toMatchObject({ code: 'ORDERS_NOT_FOUND' });
      expect(venue.cancels).toEqual([]);
    });

    it('replaces price and quantity once the venue confirms, keeping the fills', async () => {
      const placed = await proc.orders.placeOrder(alice, limitBuy());
      const id = asBrokerOrderId('1');
      venue.ack(id);
      venue.fill(id, 100, '38.50');
      await proc.routing.settled();
      const replaced = await proc.orders.replaceOrder(alice, placed.id, { price: '38.40', quantity: 500 });
      expect(replaced).toMatchObject({ status: 'PARTIALLY_FILLED', price: '38.4', quantity: 500, filledQuantity: 100, replaceSequence: 1 });
      const events = await db.prisma.orderEvent.findMany({ where: { orderId: placed.id }, orderBy: { version: 'asc' } });
      expect(events.map((e) => e.type)).toEqual(['CREATE', 'SUBMIT', 'FILL', 'REPLACE']);
    });

    it('refuses a replace below the filled quantity without asking the venue', async () => {
      const placed = await proc.orders.placeOrder(alice, limitBuy());
      const id = asBrokerOrderId('1');
      venue.ack(id);
      venue.fill(id, 200, '38.50');
      await proc.routing.settled();
      const error = await errorOf(proc.orders.replaceOrder(alice, placed.id, { quantity: 100 }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'quantity', rule: 'BELOW_FILLED' })] });
      expect(venue.replaces).toEqual([]);
    });

    it('cancels only the caller’s working orders of one symbol with cancelAllOrders', async () => {
      await proc.orders.placeOrder(alice, limitBuy());
      await proc.orders.placeOrder(alice, limitBuy({ symbol: 'VALE3', price: '60.00' }));
      await proc.orders.placeOrder(bob, limitBuy());
      ['1', '2', '3'].forEach((id) => venue.ack(asBrokerOrderId(id)));
      const canceled = await proc.orders.cancelAllOrders(alice, { symbol: 'petr4' });
      expect(canceled.map((o) => [o.symbol, o.status])).toEqual([['PETR4', 'CANCELED']]);
      expect(venue.cancels).toEqual(['1']);
    });

    it('cancels the unfilled rest of an IOC order as soon as the venue acknowledges it', async () => {
      const placed = await proc.orders.placeOrder(alice, limitBuy({ timeInForce: 'IOC' }));
      const id = asBrokerOrderId('1');
      venue.fill(id, 100, '38.50');
      await proc.routing.settled();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await proc.routing.settled();
      expect(await stored(placed.id)).toMatchObject({ status: 'CANCELED', filledQuantity: 100 });
    });
  });

  it('kill switch: cancels all 3 working orders at the venue and refuses new ones', async () => {
    for (let i = 0; i < 3; i++) await proc.orders.placeOrder(alice, limitBuy());
    ['1', '2', '3'].forEach((id) => venue.ack(asBrokerOrderId(id)));
    await proc.routing.settled();
    const result = await proc.killSwitch.activate(admin, 'runaway strategy');
    expect(result.canceled.map((o) => o.status)).toEqual(['CANCELED', 'CANCELED', 'CANCELED']);
    expect(venue.cancels.sort()).toEqual(['1', '2', '3']);
    const error = await errorOf(proc.orders.placeOrder(alice, limitBuy()));
    expect(error.extensions).toMatchObject({ code: 'KILL_SWITCH_ACTIVE' });
  });
});
