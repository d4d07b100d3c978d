import koffi from 'koffi';
import { BridgeError, checkNative, nativeError } from './errors';
import type { ConnectionState } from './market-data.types';
import {
  COMMAND_VERSION,
  isTerminalStatus,
  ORDER_OUT_VERSION,
  POSITION_TYPES,
  POSITION_VERSION,
  SEND_ORDER_VERSION,
  sideCode,
  sideOf,
  statusOf,
  typeCode,
  typeOf,
  validityOf,
  type BrokerOrderStatus,
  type OrderSide,
  type OrderType,
  type PositionType,
} from './profit/order-codes';
import { fromConnectorOrder, type RawOrder } from './profit/order-details';
import type { ProfitLibrary } from './profit/profit.library';
import { assetId, type SessionEvent } from './profit/profit.session';
import {
  TConnectorAccountIdentifierOut,
  TConnectorOrder,
  type AccountIdentifier,
  type AccountIdentifierOut,
  type ConnectorOrder,
  type SystemTime,
  type TradingAccountOut,
  type TradingAccountPosition,
} from './profit/profit.types';
import { formatPrice, saoPauloToUtcIso, type TickGrid } from './profit/trade.mapper';

export interface AccountRef {
  brokerId: number;
  accountId: string;
  /** Empty or absent for the master account. */
  subAccountId?: string | null;
}

export interface RouteOrderInput {
  account: AccountRef;
  symbol: string;
  exchange: string;
  side: OrderSide;
  type: OrderType;
  quantity: number;
  /** Decimal strings; LIMIT and STOP_LIMIT need `price`, STOP_LIMIT also `stopPrice`, MARKET neither. */
  price?: string | null;
  stopPrice?: string | null;
}

/** Either id identifies an order (ABI.md §2.1): the session-local one or the broker's permanent one. */
export interface OrderRef {
  account: AccountRef;
  localOrderId?: string | null;
  clOrderId?: string | null;
}

export interface BrokerOrder {
  localOrderId: string;
  clOrderId: string | null;
  account: AccountRef;
  symbol: string;
  exchange: string;
  side: OrderSide | 'UNKNOWN';
  type: OrderType | 'STOP' | 'UNKNOWN';
  status: BrokerOrderStatus;
  terminal: boolean;
  quantity: number;
  tradedQuantity: number;
  leavesQuantity: number;
  price: string | null;
  stopPrice: string | null;
  averagePrice: string | null;
  validity: string;
  createdAt: string | null;
  updatedAt: string | null;
  closedAt: string | null;
  /** The broker's or exchange's text, e.g. a rejection reason. */
  message: string | null;
  /** Orders the DLL's events for one order; a lower one than already seen is stale. */
  eventId: string;
}

export interface BrokerPosition {
  account: AccountRef;
  symbol: string;
  exchange: string;
  /** Signed: positive long, negative short. */
  netQuantity: number;
  averagePrice: string | null;
  dailyBuyQuantity: number;
  dailyBuyAveragePrice: string | null;
  dailySellQuantity: number;
  dailySellAveragePrice: string | null;
  eventId: string;
}

export interface BrokerAccount {
  brokerId: number;
  accountId: string;
  subAccountId: string | null;
  brokerName: string;
  ownerName: string;
  subOwnerName: string;
  isSubAccount: boolean;
  enabled: boolean;
}

interface RouterDeps {
  /** The DLL while a session is live and not finalizing, else null. */
  requests(): ProfitLibrary | null;
  connection(): ConnectionState;
  grid(symbol: string, exchange: string): TickGrid | undefined;
}

const ACCOUNT_OUT_BYTES = 424;
const CA_IS_SUB_ACCOUNT = 1;
const CA_IS_ENABLED = 2;
const OPEN_SIDE_SOLD = 2;

const accountId = (a: AccountRef): AccountIdentifier => ({
  Version: 0,
  BrokerID: a.brokerId,
  AccountID: a.accountId,
  SubAccountID: a.subAccountId ?? '',
  Reserved: 0,
});

function invalid(message: string, details: Record<string, unknown>): BridgeError {
  return new BridgeError('BRIDGE_INVALID_ARGS', message, details);
}

function decimalOrNull(value: string | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw invalid(`${field} must be a positive decimal`, { field, value });
  return Number(value);
}

function positiveQuantity(quantity: number): number {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw invalid('quantity must be a positive integer', { quantity });
  return quantity;
}

/** The DLL's doubles on the instrument's grid; its "no price" (-1 or 0) as null. */
function priceOrNull(value: number, grid: TickGrid | undefined): string | null {
  return value > 0 ? formatPrice(value, grid) : null;
}

function isoOrNull(t: SystemTime): string | null {
  return t.wYear > 0 ? saoPauloToUtcIso(t) : null;
}

/** Int64 order ids come back as number or bigint; negative ones are NL codes (§3). */
function orderIdOrThrow(fn: string, result: number | bigint): string {
  const value = BigInt(result);
  if (value < 0n) throw nativeError(fn, Number(value));
  return value.toString();
}

/**
 * Routing through the DLL session: validated commands out, order/position events in. Order events are
 * folded per order by EventID, so duplicated or out-of-order callbacks (a known DLL behaviour) never move an
 * order backwards. Only sent while the routing channel is at BROKER_CONNECTED (ABI.md §5).
 */
export class OrderRouter {
  private readonly orders = new Map<string, BrokerOrder>();
  private readonly orderListeners = new Set<(order: BrokerOrder) => void>();
  private readonly positionListeners = new Set<(position: BrokerPosition) => void>();
  private readonly accountListeners = new Set<() => void>();
  staleOrderEvents = 0;

  constructor(private readonly deps: RouterDeps) {}

  send(input: RouteOrderInput): string {
    const price = decimalOrNull(input.price, 'price');
    const stopPrice = decimalOrNull(input.stopPrice, 'stopPrice');
    positiveQuantity(input.quantity);
    if (input.type === 'MARKET' && (price !== null || stopPrice !== null)) throw invalid('a MARKET order has no price', { type: input.type });
    if (input.type !== 'MARKET' && price === null) throw invalid(`a ${input.type} order needs a price`, { type: input.type });
    if (input.type === 'STOP_LIMIT' && stopPrice === null) throw invalid('a STOP_LIMIT order needs a stopPrice', { type: input.type });
    if (input.type === 'LIMIT' && stopPrice !== null) throw invalid('a LIMIT order has no stopPrice', { type: input.type });
    const lib = this.routable();
    const result = lib.SendOrder({
      Version: SEND_ORDER_VERSION,
      AccountID: accountId(input.account),
      AssetID: assetId(input.symbol, input.exchange),
      Password: '',
      OrderType: typeCode(input.type),
      OrderSide: sideCode(input.side),
      Price: price ?? -1,
      StopPrice: stopPrice ?? -1,
      Quantity: input.quantity,
      MessageID: 0,
    });
    return orderIdOrThrow('SendOrder', result);
  }

  change(ref: OrderRef, change: { price?: string | null; stopPrice?: string | null; quantity: number }): void {
    positiveQuantity(change.quantity);
    const price = decimalOrNull(change.price, 'price');
    const stopPrice = decimalOrNull(change.stopPrice, 'stopPrice');
    const lib = this.routable();
    checkNative(
      'SendChangeOrderV2',
      lib.SendChangeOrderV2({
        Version: COMMAND_VERSION,
        AccountID: accountId(ref.account),
        OrderID: this.orderId(ref),
        Password: '',
        Price: price ?? -1,
        StopPrice: stopPrice ?? -1,
        Quantity: change.quantity,
        MessageID: 0,
      }),
    );
  }

  cancel(ref: OrderRef): void {
    const lib = this.routable();
    checkNative(
      'SendCancelOrderV2',
      lib.SendCancelOrderV2({ Version: COMMAND_VERSION, AccountID: accountId(ref.account), OrderID: this.orderId(ref), Password: '', MessageID: 0 }),
    );
  }

  /** Every working order of the account, or only those of one instrument. */
  cancelAll(account: AccountRef, instrument?: { symbol: string; exchange: string }): void {
    const lib = this.routable();
    if (instrument) {
      checkNative(
        'SendCancelOrdersV2',
        lib.SendCancelOrdersV2({ Version: COMMAND_VERSION, AccountID: accountId(account), AssetID: assetId(instrument.symbol, instrument.exchange), Password: '' }),
      );
    } else {
      checkNative('SendCancelAllOrdersV2', lib.SendCancelAllOrdersV2({ Version: COMMAND_VERSION, AccountID: accountId(account), Password: '' }));
    }
  }

  /** Sends the order that flattens the position (at market unless `price`); returns its local id. */
  zeroPosition(account: AccountRef, symbol: string, exchange: string, price?: string | null, type: PositionType = 'DAY_TRADE'): string {
    const limit = decimalOrNull(price, 'price');
    const lib = this.routable();
    const result = lib.SendZeroPositionV2({
      Version: 1,
      AccountID: accountId(account),
      AssetID: assetId(symbol, exchange),
      Password: '',
      Price: limit ?? -1,
      PositionType: POSITION_TYPES[type],
      MessageID: 0,
    });
    return orderIdOrThrow('SendZeroPositionV2', result);
  }

  /** The latest state the DLL reported for an order this process has seen. */
  order(localOrderId: string): BrokerOrder | null {
    return this.orders.get(localOrderId) ?? null;
  }

  /** Every order the DLL holds for the account (its history included): what a restart reconciles against. */
  listOrders(account: AccountRef): BrokerOrder[] {
    const lib = this.requestsOrThrow();
    const raws: RawOrder[] = [];
    // the record and its strings live only during the call: decode and copy right away
    const proc = (order: unknown): number => {
      raws.push(fromConnectorOrder(koffi.decode(order, TConnectorOrder) as ConnectorOrder));
      return 1;
    };
    checkNative('EnumerateAllOrders', lib.EnumerateAllOrders(accountId(account), ORDER_OUT_VERSION, 0, proc));
    return raws.map((raw) => this.fold(raw) ?? this.toOrder(raw));
  }

  position(account: AccountRef, symbol: string, exchange: string, type: PositionType = 'DAY_TRADE'): BrokerPosition | null {
    const lib = this.requestsOrThrow();
    const position = { Version: POSITION_VERSION, AccountID: accountId(account), AssetID: assetId(symbol, exchange), PositionType: POSITION_TYPES[type] } as TradingAccountPosition;
    const result = lib.GetPositionV2(position);
    if (result < 0) {
      const error = nativeError('GetPositionV2', result);
      if (error.code === 'BRIDGE_NO_POSITION') return null;
      throw error;
    }
    return this.toPosition(account, symbol, exchange, position);
  }

  accounts(): BrokerAccount[] {
    const lib = this.requestsOrThrow();
    const count = lib.GetAccountCount();
    checkNative('GetAccountCount', count);
    if (count === 0) return [];
    const buffer = Buffer.alloc(ACCOUNT_OUT_BYTES * count);
    const written = lib.GetAccounts(0, 0, count, buffer);
    checkNative('GetAccounts', written);
    const accounts: BrokerAccount[] = [];
    for (let i = 0; i < written; i++) {
      const out = koffi.decode(buffer, i * ACCOUNT_OUT_BYTES, TConnectorAccountIdentifierOut) as AccountIdentifierOut;
      accounts.push(this.accountDetails(lib, { brokerId: out.BrokerID, accountId: out.AccountID, subAccountId: out.SubAccountID || null }));
    }
    return accounts;
  }

  onOrder(listener: (order: BrokerOrder) => void): () => void {
    this.orderListeners.add(listener);
    return () => void this.orderListeners.delete(listener);
  }

  onPosition(listener: (position: BrokerPosition) => void): () => void {
    this.positionListeners.add(listener);
    return () => void this.positionListeners.delete(listener);
  }

  onAccountsChanged(listener: () => void): () => void {
    this.accountListeners.add(listener);
    return () => void this.accountListeners.delete(listener);
  }

  /** Session events of the routing kind, delivered outside the DLL's callback. */
  handle(event: SessionEvent): void {
    switch (event.kind) {
      case 'order': {
        const order = this.fold(event.order);
        if (order) for (const listener of this.orderListeners) listener(order);
        return;
      }
      case 'position': {
        if (this.positionListeners.size === 0) return;
        const account = { brokerId: event.brokerId, accountId: event.accountId, subAccountId: event.subAccountId || null };
        const position = this.position(account, event.ticker, event.exchange);
        if (position) for (const listener of this.positionListeners) listener(position);
        return;
      }
      case 'accounts-changed':
        for (const listener of this.accountListeners) listener();
        return;
      default:
        return;
    }
  }

  /** Keeps the newest state per order; returns it when `raw` changed something, null when stale or a repeat. */
  private fold(raw: RawOrder): BrokerOrder | null {
    const next = this.toOrder(raw);
    const known = this.orders.get(next.localOrderId);
    if (known) {
      const older = BigInt(next.eventId) < BigInt(known.eventId);
      const same = next.eventId === known.eventId && next.status === known.status && next.tradedQuantity === known.tradedQuantity;
      // a terminal order never reopens, whatever a late callback says
      if (older || same || (known.terminal && !next.terminal)) {
        this.staleOrderEvents++;
        return null;
      }
    }
    this.orders.set(next.localOrderId, next);
    return next;
  }

  private toOrder(raw: RawOrder): BrokerOrder {
    const grid = this.deps.grid(raw.ticker, raw.exchange);
    const price = (p: number) => priceOrNull(p, grid);
    return {
      localOrderId: raw.localOrderId.toString(),
      clOrderId: raw.clOrderId || null,
      account: { brokerId: raw.brokerId, accountId: raw.accountId, subAccountId: raw.subAccountId || null },
      symbol: raw.ticker,
      exchange: raw.exchange,
      side: sideOf(raw.side),
      type: typeOf(raw.type),
      status: statusOf(raw.status),
      terminal: isTerminalStatus(raw.status),
      quantity: raw.quantity,
      tradedQuantity: raw.tradedQuantity,
      leavesQuantity: raw.leavesQuantity,
      price: price(raw.price),
      stopPrice: price(raw.stopPrice),
      averagePrice: raw.tradedQuantity > 0 ? price(raw.averagePrice) : null,
      validity: validityOf(raw.validity),
      createdAt: isoOrNull(raw.date),
      updatedAt: isoOrNull(raw.lastUpdate),
      closedAt: isoOrNull(raw.closeDate),
      message: raw.text || null,
      eventId: raw.eventId.toString(),
    };
  }

  private toPosition(account: AccountRef, symbol: string, exchange: string, p: TradingAccountPosition): BrokerPosition {
    const grid = this.deps.grid(symbol, exchange);
    const price = (v: number) => priceOrNull(v, grid);
    const open = Number(p.OpenQuantity);
    return {
      account,
      symbol,
      exchange,
      netQuantity: p.OpenSide === OPEN_SIDE_SOLD ? -Math.abs(open) : open,
      averagePrice: open !== 0 ? price(p.OpenAveragePrice) : null,
      dailyBuyQuantity: Number(p.DailyBuyQuantity),
      dailyBuyAveragePrice: price(p.DailyAverageBuyPrice),
      dailySellQuantity: Number(p.DailySellQuantity),
      dailySellAveragePrice: price(p.DailyAverageSellPrice),
      eventId: String(p.EventID),
    };
  }

  /** GetAccountDetails, two-call: lengths first, then buffers we own (§7.4). */
  private accountDetails(lib: ProfitLibrary, account: AccountRef): BrokerAccount {
    const details = { Version: 0, AccountID: accountId(account), BrokerName: null, BrokerNameLength: 0, OwnerName: null, OwnerNameLength: 0, SubOwnerName: null, SubOwnerNameLength: 0, AccountFlags: 0, AccountType: 0 } as TradingAccountOut;
    checkNative('GetAccountDetails', lib.GetAccountDetails(details));
    const buffers = [details.BrokerNameLength, details.OwnerNameLength, details.SubOwnerNameLength].map((n) => Buffer.alloc((Math.max(0, n) + 1) * 2));
    Object.assign(details, { AccountID: accountId(account), BrokerName: buffers[0], OwnerName: buffers[1], SubOwnerName: buffers[2] });
    checkNative('GetAccountDetails', lib.GetAccountDetails(details));
    const [brokerName, ownerName, subOwnerName] = buffers.map((b) => b.toString('utf16le').split('\0')[0]);
    return {
      brokerId: account.brokerId,
      accountId: account.accountId,
      subAccountId: account.subAccountId ?? null,
      brokerName,
      ownerName,
      subOwnerName,
      isSubAccount: (details.AccountFlags & CA_IS_SUB_ACCOUNT) !== 0,
      enabled: (details.AccountFlags & CA_IS_ENABLED) !== 0,
    };
  }

  private orderId(ref: OrderRef): { Version: number; LocalOrderID: bigint; ClOrderID: string } {
    if (!ref.localOrderId && !ref.clOrderId) throw invalid('an order is identified by localOrderId or clOrderId', {});
    if (ref.localOrderId && !/^\d+$/.test(ref.localOrderId)) throw invalid('localOrderId must be a positive integer', { localOrderId: ref.localOrderId });
    return { Version: 0, LocalOrderID: ref.localOrderId ? BigInt(ref.localOrderId) : -1n, ClOrderID: ref.clOrderId ?? '' };
  }

  private requestsOrThrow(): ProfitLibrary {
    const lib = this.deps.requests();
    if (!lib) throw new BridgeError('BRIDGE_ROUTING_UNAVAILABLE', 'The DLL session is not running', {});
    return lib;
  }

  /** §5: orders only at BROKER_CONNECTED; sending earlier would be accepted locally and then lost or rejected. */
  private routable(): ProfitLibrary {
    const routing = this.deps.connection().routing;
    if (routing !== 'BROKER_CONNECTED') {
      throw new BridgeError('BRIDGE_ROUTING_UNAVAILABLE', `Routing is ${routing}, orders need BROKER_CONNECTED`, { routing });
    }
    return this.requestsOrThrow();
  }
}
