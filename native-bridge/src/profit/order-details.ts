import koffi from 'koffi';
import { nativeError } from '../errors';
import { ORDER_OUT_VERSION } from './order-codes';
import type { NativePointer, ProfitLibrary } from './profit.library';
import {
  TConnectorAccountIdentifier,
  TConnectorAssetIdentifier,
  TConnectorOrderIdentifier,
  type AccountIdentifier,
  type AssetIdentifier,
  type ConnectorOrder,
  type ConnectorOrderOut,
  type OrderIdentifier,
  type SystemTime,
} from './profit.types';

/** One order as the DLL reported it, copied out of native memory; codes still raw (see order-codes.ts). */
export interface RawOrder {
  localOrderId: bigint;
  clOrderId: string;
  brokerId: number;
  accountId: string;
  subAccountId: string;
  ticker: string;
  exchange: string;
  quantity: number;
  tradedQuantity: number;
  leavesQuantity: number;
  price: number;
  stopPrice: number;
  averagePrice: number;
  side: number;
  type: number;
  status: number;
  validity: number;
  date: SystemTime;
  lastUpdate: SystemTime;
  closeDate: SystemTime;
  text: string;
  eventId: bigint;
}

const ZERO_TIME: SystemTime = { wYear: 0, wMonth: 0, wDayOfWeek: 0, wDay: 0, wHour: 0, wMinute: 0, wSecond: 0, wMilliseconds: 0 };

function emptyOut(id: OrderIdentifier): ConnectorOrderOut {
  return {
    Version: ORDER_OUT_VERSION,
    OrderID: { Version: 0, LocalOrderID: id.LocalOrderID, ClOrderID: id.ClOrderID },
    AccountID: { Version: 0, BrokerID: 0, AccountID: '', AccountIDLength: 0, SubAccountID: '', SubAccountIDLength: 0, Reserved: 0 },
    AssetID: { Version: 0, Ticker: null, TickerLength: 0, Exchange: null, ExchangeLength: 0, FeedType: 0 },
    Quantity: 0,
    TradedQuantity: 0,
    LeavesQuantity: 0,
    Price: 0,
    StopPrice: 0,
    AveragePrice: 0,
    OrderSide: 0,
    OrderType: 0,
    OrderStatus: 0,
    ValidityType: 0,
    Date: ZERO_TIME,
    LastUpdate: ZERO_TIME,
    CloseDate: ZERO_TIME,
    ValidityDate: ZERO_TIME,
    TextMessage: null,
    TextMessageLength: 0,
    EventID: 0,
  };
}

/** Length+1 zeroed UTF-16 units (§7.4: whether Length counts the terminator is undocumented). */
const stringBuffer = (length: number): Buffer => Buffer.alloc((Math.max(0, length) + 1) * 2);

function utf16(buffer: Buffer): string {
  const text = buffer.toString('utf16le');
  const end = text.indexOf('\0');
  return end < 0 ? text : text.slice(0, end);
}

const int = (v: number | bigint): number => Number(v);
const big = (v: number | bigint): bigint => BigInt(v);

/**
 * GetOrderDetails with the two-call pattern: the first call reports the string lengths, the second fills
 * buffers we own. An accessor, so it may run inside the order callback; returns null for an order the DLL
 * no longer knows (NL_NOT_FOUND) and throws on any other failure.
 */
export function readOrderDetails(lib: ProfitLibrary, id: OrderIdentifier): RawOrder | null {
  const out = emptyOut(id);
  let result = lib.GetOrderDetails(out);
  if (result < 0) {
    const error = nativeError('GetOrderDetails', result);
    if (error.code === 'BRIDGE_NOT_FOUND') return null;
    throw error;
  }
  const ticker = stringBuffer(out.AssetID.TickerLength);
  const exchange = stringBuffer(out.AssetID.ExchangeLength);
  const text = stringBuffer(out.TextMessageLength);
  out.OrderID = { Version: 0, LocalOrderID: id.LocalOrderID, ClOrderID: id.ClOrderID };
  out.AssetID = { ...out.AssetID, Ticker: ticker, Exchange: exchange };
  out.TextMessage = text;
  result = lib.GetOrderDetails(out);
  if (result < 0) throw nativeError('GetOrderDetails', result);
  return {
    localOrderId: big(out.OrderID.LocalOrderID),
    clOrderId: out.OrderID.ClOrderID ?? '',
    brokerId: out.AccountID.BrokerID,
    accountId: out.AccountID.AccountID,
    subAccountId: out.AccountID.SubAccountID,
    ticker: utf16(ticker),
    exchange: utf16(exchange),
    quantity: int(out.Quantity),
    tradedQuantity: int(out.TradedQuantity),
    leavesQuantity: int(out.LeavesQuantity),
    price: out.Price,
    stopPrice: out.StopPrice,
    averagePrice: out.AveragePrice,
    side: out.OrderSide,
    type: out.OrderType,
    status: out.OrderStatus,
    validity: out.ValidityType,
    date: out.Date,
    lastUpdate: out.LastUpdate,
    closeDate: out.CloseDate,
    text: utf16(text),
    eventId: big(out.EventID),
  };
}

/** The enumeration procs' TConnectorOrder carries everything inline; strings are valid only during the proc. */
export function fromConnectorOrder(o: ConnectorOrder): RawOrder {
  return {
    localOrderId: big(o.OrderID.LocalOrderID),
    clOrderId: o.OrderID.ClOrderID ?? '',
    brokerId: o.AccountID.BrokerID,
    accountId: o.AccountID.AccountID ?? '',
    subAccountId: o.AccountID.SubAccountID ?? '',
    ticker: o.AssetID.Ticker ?? '',
    exchange: o.AssetID.Exchange ?? '',
    quantity: int(o.Quantity),
    tradedQuantity: int(o.TradedQuantity),
    leavesQuantity: int(o.LeavesQuantity),
    price: o.Price,
    stopPrice: o.StopPrice,
    averagePrice: o.AveragePrice,
    side: o.OrderSide,
    type: o.OrderType,
    status: o.OrderStatus,
    validity: o.ValidityType,
    date: o.Date,
    lastUpdate: o.LastUpdate,
    closeDate: o.CloseDate,
    text: o.TextMessage ?? '',
    eventId: big(o.EventID),
  };
}

export const decodeOrderIdentifier = (p: NativePointer): OrderIdentifier =>
  koffi.decode(p, TConnectorOrderIdentifier) as OrderIdentifier;
export const decodeAccountIdentifier = (p: NativePointer): AccountIdentifier =>
  koffi.decode(p, TConnectorAccountIdentifier) as AccountIdentifier;
export const decodeAssetIdentifier = (p: NativePointer): AssetIdentifier =>
  koffi.decode(p, TConnectorAssetIdentifier) as AssetIdentifier;
