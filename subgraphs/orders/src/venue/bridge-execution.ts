import { ServiceCallError, type ServiceClient } from '@b3/kit';
import { asBrokerOrderId, type BrokerOrderId, type Order } from '../domain/order-model';
import type { Issue, NewOrderFields, ReplaceChange } from '../domain/order-validation';
import { type ExecutionPort, VenueRefusedError, VenueUnreachableError, type VenueOrder } from '../services/execution.port';
import { BROKER_ORDER_FIELDS, routeFields, toVenueOrder, type WireBrokerOrder } from './broker-order';

/**
 * The ExecutionPort over the native bridge's routing fields (@inaccessible in the public API; the bridge
 * serves them only to the orders service's signed identity). Commands are GraphQL mutations on the bridge's
 * own endpoint; order snapshots come from its `brokerOrderUpdates` subscription over graphql-ws.
 */

export interface BrokerAccount {
  readonly brokerId: number;
  readonly accountId: string;
  readonly subAccountId: string | null;
}

export interface BridgeExecutionOptions {
  client: ServiceClient;
  /** Every platform account routes through this one broker account (the simulator's by default). */
  account: BrokerAccount;
  /** Ticks between a STOP's trigger and the protective limit it is sent with (see routeFields). */
  stopSlippageTicks: number;
  clock?: () => Date;
}

/**
 * The bridge answered with one of these: it did not take the command, so nothing reached the market. Its
 * BRIDGE_* codes are the DLL's negative results and its own checks before calling it; anything else
 * (INTERNAL, no answer) leaves the outcome unknown.
 */
const isRefusal = (code: string): boolean => code === 'BAD_USER_INPUT' || code === 'FORBIDDEN' || code.startsWith('BRIDGE_');

/** The venue sends day orders only (ABI.md: validity is read-back only); IOC is emulated by cancelling the rest on acknowledgement. */
const SUPPORTED_TIME_IN_FORCE = new Set(['DAY', 'IOC']);

const ROUTE = `mutation Route($input: RouteOrderInput!) { routeOrder(input: $input) { localOrderId } }`;
const CANCEL = `mutation Cancel($order: BrokerOrderRefInput!) { cancelRoutedOrder(order: $order) }`;
const CHANGE = `mutation Change($order: BrokerOrderRefInput!, $quantity: Int!, $price: String, $stopPrice: String) {
  changeRoutedOrder(order: $order, quantity: $quantity, price: $price, stopPrice: $stopPrice)
}`;
const LIST = `query Orders($account: BrokerAccountInput!) { brokerOrders(account: $account) { ${BROKER_ORDER_FIELDS} } }`;
const UPDATES = `subscription Updates { brokerOrderUpdates { ${BROKER_ORDER_FIELDS} } }`;

export class BridgeExecution implements ExecutionPort {
  private readonly orderListeners = new Set<(order: VenueOrder) => void>();
  private readonly connectedListeners = new Set<() => void>();
  private stopUpdates: (() => void) | null = null;
  private readonly clock: () => Date;

  constructor(private readonly options: BridgeExecutionOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  unsupported(order: NewOrderFields): Issue<'timeInForce' | 'type'> | null {
    if (SUPPORTED_TIME_IN_FORCE.has(order.timeInForce)) return null;
    return {
      field: 'timeInForce',
      rule: 'TIME_IN_FORCE',
      message: `${order.timeInForce} cannot be honoured: ProfitDLL routes day orders only (use DAY, or IOC, which cancels the unfilled rest on acknowledgement)`,
    };
  }

  async route(order: Order): Promise<BrokerOrderId> {
    const fields = routeFields(order, this.options.stopSlippageTicks);
    const data = await this.call<{ routeOrder: { localOrderId: string } }>(ROUTE, { input: { account: this.options.account, ...fields } });
    return asBrokerOrderId(data.routeOrder.localOrderId);
  }

  async cancel(order: Order): Promise<void> {
    await this.call(CANCEL, { order: this.ref(order) });
  }

  async replace(order: Order, change: ReplaceChange): Promise<void> {
    // The DLL's change command takes the whole new order (quantity is the new total); a STOP keeps the limit it was routed with.
    const routed = routeFields(order, this.options.stopSlippageTicks);
    await this.call(CHANGE, { order: this.ref(order), quantity: change.quantity ?? order.quantity, price: change.price ?? routed.price, stopPrice: routed.stopPrice });
  }

  async orders(): Promise<VenueOrder[]> {
    const data = await this.call<{ brokerOrders: WireBrokerOrder[] }>(LIST, { account: this.options.account });
    const at = this.clock().toISOString();
    return data.brokerOrders.filter((o) => this.isOurAccount(o)).map((o) => toVenueOrder(o, at));
  }

  describes(order: Order, venue: VenueOrder): boolean {
    const routed = routeFields(order, this.options.stopSlippageTicks);
    return (
      venue.symbol === routed.symbol &&
      venue.side === routed.side &&
      venue.type === routed.type &&
      venue.quantity === routed.quantity &&
      venue.price === routed.price &&
      venue.stopPrice === routed.stopPrice
    );
  }

  onOrder(listener: (order: VenueOrder) => void): () => void {
    this.orderListeners.add(listener);
    this.ensureSubscribed();
    return () => this.orderListeners.delete(listener);
  }

  onConnected(listener: () => void): () => void {
    this.connectedListeners.add(listener);
    this.ensureSubscribed();
    return () => this.connectedListeners.delete(listener);
  }

  /** For /health: the bridge answers and serves this broker account's routing. */
  async ping(): Promise<void> {
    await this.call(`{ brokerAccounts { brokerId } }`, {});
  }

  async close(): Promise<void> {
    this.stopUpdates?.();
    this.stopUpdates = null;
    await this.options.client.close();
  }

  private ensureSubscribed(): void {
    this.stopUpdates ??= this.options.client.subscribe<{ brokerOrderUpdates: WireBrokerOrder }>(
      UPDATES,
      {},
      {
        next: (data) => {
          if (!this.isOurAccount(data.brokerOrderUpdates)) return;
          const order = toVenueOrder(data.brokerOrderUpdates, this.clock().toISOString());
          this.orderListeners.forEach((listener) => listener(order));
        },
        connected: () => this.connectedListeners.forEach((listener) => listener()),
      },
    );
  }

  private isOurAccount(order: WireBrokerOrder): boolean {
    const { account } = this.options;
    return order.account.brokerId === account.brokerId && order.account.accountId === account.accountId && (order.account.subAccountId || null) === account.subAccountId;
  }

  private ref(order: Order): { account: BrokerAccount; localOrderId: string } {
    if (!order.brokerOrderId) throw new VenueRefusedError(`order ${order.id} has not reached the venue yet`, 'NOT_ROUTED');
    return { account: this.options.account, localOrderId: order.brokerOrderId };
  }

  private async call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    try {
      return await this.options.client.request<T>(query, variables);
    } catch (error) {
      if (error instanceof ServiceCallError && isRefusal(error.code)) throw new VenueRefusedError(error.message, error.code);
      throw new VenueUnreachableError(`the bridge did not settle the command: ${(error as Error).message}`, { cause: error });
    }
  }
}
