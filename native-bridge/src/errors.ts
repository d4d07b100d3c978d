/**
 * Every BRIDGE_* code, listed once. Native NResult codes (ABI.md §3) map to `BRIDGE_<NL name>`; a negative
 * value we do not know becomes BRIDGE_NATIVE_ERROR carrying the raw number.
 */
const NATIVE_ERROR_NAMES = {
  0x01: 'INTERNAL_ERROR',
  0x02: 'NOT_INITIALIZED',
  0x03: 'INVALID_ARGS',
  0x04: 'WAITING_SERVER',
  0x05: 'NO_LOGIN',
  0x06: 'NO_LICENSE',
  0x07: 'PASSWORD_HASH_SHA1',
  0x08: 'PASSWORD_HASH_MD5',
  0x09: 'OUT_OF_RANGE',
  0x0a: 'MARKET_ONLY',
  0x0b: 'NO_POSITION',
  0x0c: 'NOT_FOUND',
  0x0d: 'VERSION_NOT_SUPPORTED',
  0x0e: 'OCO_NO_RULES',
  0x0f: 'EXCHANGE_UNKNOWN',
  0x10: 'NO_OCO_DEFINED',
  0x11: 'INVALID_SERIE',
  0x12: 'LICENSE_NOT_ALLOWED',
  0x13: 'NOT_HARD_LOGOUT',
  0x14: 'SERIE_NO_HISTORY',
  0x15: 'ASSET_NO_DATA',
  0x16: 'SERIE_NO_DATA',
  0x17: 'HAS_STRATEGY_RUNNING',
  0x18: 'SERIE_NO_MORE_HISTORY',
  0x19: 'SERIE_MAX_COUNT',
  0x1a: 'DUPLICATE_RESOURCE',
  0x1b: 'UNSIGNED_CONTRACT',
  0x1c: 'NO_PASSWORD',
  0x1d: 'NO_USER',
  0x1e: 'FILE_ALREADY_EXISTS',
  0x1f: 'INVALID_TICKER',
  0x20: 'NOT_MASTER_ACCOUNT',
  0x2e: 'HISTORY_PERIOD_LIMIT',
} as const;

type NativeErrorName = (typeof NATIVE_ERROR_NAMES)[keyof typeof NATIVE_ERROR_NAMES];

export const BRIDGE_ERROR_CODES = [
  ...Object.values(NATIVE_ERROR_NAMES).map((name) => `BRIDGE_${name}` as const),
  'BRIDGE_NATIVE_ERROR',
  'BRIDGE_LIBRARY_UNAVAILABLE',
  'BRIDGE_LOGIN_FAILED',
  'BRIDGE_ACTIVATION_INVALID',
  'BRIDGE_STARTUP_TIMEOUT',
  'BRIDGE_STOPPED',
  'BRIDGE_SIMULATOR_UNAVAILABLE',
  'BRIDGE_ROUTING_UNAVAILABLE',
] as const;

export type BridgeErrorCode = `BRIDGE_${NativeErrorName}` | (typeof BRIDGE_ERROR_CODES)[number];

/**
 * `extensions.code` lets graphql-js carry the code when a resolver lets this error escape, the same way the
 * kit's DomainError does.
 */
export class BridgeError extends Error {
  readonly extensions: Readonly<Record<string, unknown>> & { code: BridgeErrorCode };

  constructor(
    readonly code: BridgeErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'BridgeError';
    this.extensions = { ...details, code };
  }
}

const NATIVE_CODES = new Map<number, BridgeErrorCode>(
  Object.entries(NATIVE_ERROR_NAMES).map(([low, name]) => [(0x80000000 | Number(low)) | 0, `BRIDGE_${name}`]),
);

/** Error for a failed native call. Callers test `result < 0` (§3), never equality with an unsigned constant. */
export function nativeError(fn: string, result: number): BridgeError {
  const code = NATIVE_CODES.get(result) ?? 'BRIDGE_NATIVE_ERROR';
  return new BridgeError(code, `${fn} failed with ${code} (${result})`, { nativeFunction: fn, nativeResult: result });
}

export function checkNative(fn: string, result: number): void {
  if (result < 0) throw nativeError(fn, result);
}
