/**
 * Every order code of ABI.md §7.1 lives here. Side and type codes depend on the command struct's `Version`
 * (pitfall 1: V0 buy 0 / sell 1 and limit 0 / stop 1 / market 2; V1+ buy 1 / sell 2 and market 1 / limit 2 /
 * stop-limit 4), and book sides (0 / 1) differ from order sides; nothing outside this module spells a number.
 */

export const ORDER_SIDES = ['BUY', 'SELL'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];
export const ORDER_TYPES = ['MARKET', 'LIMIT', 'STOP_LIMIT'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** The command version we send: V1 codes are what every DLL since 4.0.0.31 reads (§11 row 18). */
export const SEND_ORDER_VERSION = 1;
/** Change/cancel/zero commands: V0 has everything we use; MessageID arrives with later versions. */
export const COMMAND_VERSION = 0;
/** TConnectorOrderOut V1 adds EventID, which orders the callbacks of one order. */
export const ORDER_OUT_VERSION = 1;
export const POSITION_VERSION = 2;

const SIDE_CODES: Record<number, Record<OrderSide, number>> = { 0: { BUY: 0, SELL: 1 }, 1: { BUY: 1, SELL: 2 } };
const TYPE_CODES: Record<number, Partial<Record<OrderType, number>>> = {
  0: { LIMIT: 0, MARKET: 2 }, // V0 "stop" (1) is a stop order without limit: not something we send
  1: { MARKET: 1, LIMIT: 2, STOP_LIMIT: 4 },
};

function codeTableVersion(version: number): 0 | 1 {
  return version === 0 ? 0 : 1;
}

export function sideCode(side: OrderSide, version = SEND_ORDER_VERSION): number {
  return SIDE_CODES[codeTableVersion(version)][side];
}

export function typeCode(type: OrderType, version = SEND_ORDER_VERSION): number {
  const code = TYPE_CODES[codeTableVersion(version)][type];
  if (code === undefined) throw new RangeError(`${type} orders cannot be sent with command version ${version}`);
  return code;
}

/** Read-back structs always use the V1+ codes. */
export function sideOf(code: number): OrderSide | 'UNKNOWN' {
  return code === 1 ? 'BUY' : code === 2 ? 'SELL' : 'UNKNOWN';
}

export function typeOf(code: number): OrderType | 'STOP' | 'UNKNOWN' {
  switch (code) {
    case 1:
      return 'MARKET';
    case 2:
      return 'LIMIT';
    case 3:
      return 'STOP';
    case 4:
      return 'STOP_LIMIT';
    default:
      return 'UNKNOWN';
  }
}

export const BROKER_ORDER_STATUSES = {
  0: 'NEW',
  1: 'PARTIALLY_FILLED',
  2: 'FILLED',
  3: 'DONE_FOR_DAY',
  4: 'CANCELED',
  5: 'REPLACED',
  6: 'PENDING_CANCEL',
  7: 'STOPPED',
  8: 'REJECTED',
  9: 'SUSPENDED',
  10: 'PENDING_NEW',
  11: 'CALCULATED',
  12: 'EXPIRED',
  13: 'ACCEPTED_FOR_BIDDING',
  14: 'PENDING_REPLACE',
  15: 'PARTIALLY_FILLED_CANCELED',
  16: 'RECEIVED',
  17: 'PARTIALLY_FILLED_EXPIRED',
  18: 'PARTIALLY_FILLED_REJECTED',
  200: 'UNKNOWN',
  201: 'HADES_CREATED',
  202: 'BROKER_SENT',
  203: 'CLIENT_CREATED',
  204: 'ORDER_NOT_CREATED',
  205: 'CANCELED_BY_ADMIN',
  206: 'DELAY_FIX_GATEWAY',
  207: 'SCHEDULED_ORDER',
} as const;
export type BrokerOrderStatus = (typeof BROKER_ORDER_STATUSES)[keyof typeof BROKER_ORDER_STATUSES];

export function statusOf(code: number): BrokerOrderStatus {
  return (BROKER_ORDER_STATUSES as Record<number, BrokerOrderStatus>)[code] ?? 'UNKNOWN';
}

const TERMINAL = new Set([2, 3, 4, 8, 12, 15, 17, 18, 204, 205]);

/** §7.1: the states after which the DLL reports nothing more for the order. */
export function isTerminalStatus(code: number): boolean {
  return TERMINAL.has(code);
}

const VALIDITIES: Record<number, string> = {
  0: 'DAY',
  1: 'GTC',
  2: 'AT_THE_OPENING',
  3: 'IOC',
  4: 'FOK',
  5: 'GOOD_TILL_CROSSING',
  6: 'GTD',
  7: 'AT_THE_CLOSE',
  200: 'UNKNOWN',
  201: 'GOOD_FOR_AUCTION',
};

export function validityOf(code: number): string {
  return VALIDITIES[code] ?? 'UNKNOWN';
}

export const POSITION_TYPES = { DAY_TRADE: 1, CONSOLIDATED: 2 } as const;
export type PositionType = keyof typeof POSITION_TYPES;
