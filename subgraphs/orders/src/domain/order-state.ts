/**
 * The order lifecycle as one table: (status, event) → next status. Status only changes by applying an
 * event here; anything the table does not list is an invalid transition.
 */
export const ORDER_STATUSES = ['PENDING_NEW', 'NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_EVENTS = ['PLACE', 'ACCEPT', 'REJECT', 'PARTIAL_FILL', 'FILL', 'CANCEL', 'EXPIRE'] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

/** `NONE` is the state before the order exists; only PLACE leaves it. */
type FromState = OrderStatus | 'NONE';

const WORKING = { PARTIAL_FILL: 'PARTIALLY_FILLED', FILL: 'FILLED', CANCEL: 'CANCELED', EXPIRE: 'EXPIRED' } as const;

type Table = Readonly<Record<FromState, Partial<Record<OrderEvent, OrderStatus>>>>;

const TRANSITIONS = {
  NONE: { PLACE: 'PENDING_NEW' },
  PENDING_NEW: { ACCEPT: 'NEW', REJECT: 'REJECTED' },
  NEW: WORKING,
  PARTIALLY_FILLED: WORKING,
  FILLED: {},
  CANCELED: {},
  REJECTED: {},
  EXPIRED: {},
} as const satisfies Table;

/** The status every order is created in: the table's PLACE transition, known at compile time. */
export const INITIAL_STATUS: OrderStatus = TRANSITIONS.NONE.PLACE;

export type Transition = { ok: true; status: OrderStatus } | { ok: false; from: FromState; event: OrderEvent };

/** Applies `event` to an order in `from` (null: not yet created). */
export function transition(from: OrderStatus | null, event: OrderEvent): Transition {
  const state: FromState = from ?? 'NONE';
  const status = (TRANSITIONS as Table)[state][event];
  return status ? { ok: true, status } : { ok: false, from: state, event };
}
