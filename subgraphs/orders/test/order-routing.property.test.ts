import { createLogger, type Viewer } from '@b3/kit';
import { type Database, openTestDatabase, resetDatabase } from '@b3/prisma';
import fc from 'fast-check';
import { isTerminal, ORDER_STATUSES, type Order } from '../src/domain/order-model';
import { MarketMarks } from '../src/services/market-marks';
import { OrderRouting } from '../src/services/order-routing.service';
import { OrderUpdates } from '../src/services/order-updates';
import { OrderService } from '../src/services/order.service';
import { PositionService } from '../src/services/position.service';
import { createPrismaOrderStore } from '../src/store/prisma-order.store';
import { createPrismaPositionStore } from '../src/store/prisma-position.store';
import { FakeVenue } from './fake-venue';

/**
 * The whole order path (service, routing, lifecycle, store, positions) under random sequences of what
 * traders and the venue do: place, cancel, replace, ack, fills, duplicated and stale callbacks, lost
 * connections. After every sequence: no order in an illegal state, none with negative remaining quantity,
 * each order's fills adding up to what the venue executed, and the position equal to the sum of fills.
 */
const alice: Viewer = { id: 'u-alice', roles: ['trader'] };
const logger = createLogger('orders-property', 'silent');
const PRICES = ['38.40', '38.45', '38.50', '38.55'];

type Step =
  | { kind: 'place'; side: 'BUY' | 'SELL'; lots: number }
  | { kind: 'ack' | 'cancel' | 'replay'; order: number }
  | { kind: 'fill'; order: number; lots: number; price: number }
  | { kind: 'replace'; order: number; lots: number }
  | { kind: 'reconnect' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('place' as const), side: fc.constantFrom('BUY' as const, 'SELL' as const), lots: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constantFrom('ack' as const, 'cancel' as const, 'replay' as const), order: fc.nat(7) }),
  fc.record({ kind: fc.constant('fill' as const), order: fc.nat(7), lots: fc.integer({ min: 1, max: 3 }), price: fc.nat(PRICES.length - 1) }),
  fc.record({ kind: fc.constant('replace' as const), order: fc.nat(7), lots: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('reconnect' as const) }),
);

describe('order path properties', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('never reaches an illegal state, negative remaining quantity, or a position other than the sum of fills', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
        await resetDatabase(db);
        const store = createPrismaOrderStore(db.prisma);
        const venue = new FakeVenue();
        const positions = new PositionService(createPrismaPositionStore(db.prisma), new MarketMarks({ logger }));
        const routing = new OrderRouting(store, venue, { updates: new OrderUpdates(), logger, confirmTimeoutMs: 20 });
        const orders = new OrderService(store, { routing, venue });
        routing.start();
        const snapshots: Array<ReturnType<FakeVenue['ack']>> = [];
        const placed: Order[] = [];
        try {
          for (const [n, s] of steps.entries()) {
            const target = 'order' in s ? placed[s.order % Math.max(1, placed.length)] : undefined;
            const venueOrder = target?.brokerOrderId ? venue.orders_.get(target.brokerOrderId) : undefined;
            const open = venueOrder && !['FILLED', 'CANCELED', 'REJECTED'].includes(venueOrder.venueStatus);
            switch (s.kind) {
              case 'place':
                placed.push(await orders.placeOrder(alice, { symbol: 'PETR4', side: s.side, type: 'LIMIT', timeInForce: 'DAY', quantity: s.lots * 100, price: '38.50', idempotencyKey: `prop-key-${n}` }));
                break;
              case 'ack':
                if (open) snapshots.push(venue.ack(venueOrder.id));
                break;
              case 'fill':
                if (open && venueOrder.filled < venueOrder.quantity) {
                  snapshots.push(venue.fill(venueOrder.id, Math.min(s.lots * 100, venueOrder.quantity - venueOrder.filled), PRICES[s.price]));
                }
                break;
              case 'replay':
                if (snapshots.length) venue.replay(snapshots[(s.order * 7) % snapshots.length]);
                break;
              case 'cancel':
              case 'replace':
                if (target) {
                  const current = (await store.byId(target.id))!;
                  const command = s.kind === 'cancel' ? orders.cancelOrder(alice, current.id) : orders.replaceOrder(alice, current.id, { quantity: ('lots' in s ? s.lots : 1) * 100 });
                  await command.catch(
                    (error: { extensions?: { code?: string } }) => {
                      // refusals a trader can get: anything else is a bug
                      expect(['ORDERS_NOT_WORKING', 'BAD_USER_INPUT', 'ORDERS_VENUE_REFUSED']).toContain(error.extensions?.code);
                    },
                  );
                }
                break;
              case 'reconnect':
                venue.reconnect();
                await routing.reconcile();
                break;
            }
          }
          const check = async (): Promise<void> => {
            expect(await db.prisma.order.count()).toBe(placed.length);
            let net = 0;
            for (const { id } of placed) {
              const order = (await store.byId(id))!;
              expect(ORDER_STATUSES).toContain(order.status);
              expect(order.quantity - order.filledQuantity).toBeGreaterThanOrEqual(0);
              expect(order.filledQuantity).toBe(order.fills.reduce((sum, f) => sum + f.quantity, 0));
              const atVenue = venue.orders_.get(order.brokerOrderId!)!;
              expect(order.filledQuantity).toBe(atVenue.filled);
              if (atVenue.venueStatus === 'FILLED') expect(order.status).toBe('FILLED');
              if (atVenue.venueStatus === 'CANCELED') expect(isTerminal(order.status)).toBe(true);
              net += (order.side === 'BUY' ? 1 : -1) * order.filledQuantity;
            }
            expect(await positions.position(alice.id, 'PETR4')).toBe(net);
            // nothing was routed twice
            expect(venue.routed).toHaveLength(placed.length);
          };
          // the live callbacks alone must be enough; reconciling afterwards must find nothing to change
          await routing.settled();
          await check();
          await routing.reconcile();
          await check();
        } finally {
          await routing.stop();
          positions.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
