/**
 * Stores turn database failures into domain errors through these helpers, so neither Prisma's nor the
 * driver's message text (which names tables, constraints and values) ever needs to reach a client.
 */
export type DatabaseErrorKind =
  /** A unique constraint rejected the write (e.g. a duplicate name). */
  | 'unique_violation'
  /** A foreign key rejected the write or delete. */
  | 'foreign_key_violation'
  /** update/delete found no row to act on. */
  | 'not_found'
  /** Serialization failure or deadlock: the whole transaction may be retried. */
  | 'write_conflict'
  /** A value did not fit its column (too long, out of range for Decimal(18,4), null, malformed). */
  | 'invalid_value'
  /** The database could not be reached or dropped the connection. */
  | 'unavailable'
  /** Any other database failure: a bug or an operational problem, never the caller's fault. */
  | 'other';

const KIND_BY_CODE: Readonly<Record<string, DatabaseErrorKind>> = {
  P2002: 'unique_violation',
  P2003: 'foreign_key_violation',
  P2025: 'not_found',
  P2034: 'write_conflict',
  P2000: 'invalid_value',
  P2007: 'invalid_value',
  P2011: 'invalid_value',
  P2020: 'invalid_value',
  P2023: 'invalid_value',
  P1000: 'unavailable',
  P1001: 'unavailable',
  P1002: 'unavailable',
  P1008: 'unavailable',
  P1011: 'unavailable',
  P1017: 'unavailable',
  P2024: 'unavailable',
  P2037: 'unavailable',
};

const KIND_BY_ADAPTER_CAUSE: Readonly<Record<string, DatabaseErrorKind>> = {
  UniqueConstraintViolation: 'unique_violation',
  ForeignKeyConstraintViolation: 'foreign_key_violation',
  TransactionWriteConflict: 'write_conflict',
  DatabaseNotReachable: 'unavailable',
  ConnectionClosed: 'unavailable',
  SocketTimeout: 'unavailable',
  TooManyConnections: 'unavailable',
  AuthenticationFailed: 'unavailable',
};

const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE']);

/**
 * Classifies an error thrown by Prisma Client or the drivers underneath it; `undefined` means the error
 * did not come from the database layer at all. The check is by shape rather than `instanceof`, so it
 * holds even when two copies of the Prisma runtime are loaded.
 */
export function classifyDatabaseError(err: unknown): DatabaseErrorKind | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { name, code, cause } = err as { name?: unknown; code?: unknown; cause?: unknown };
  if (typeof name === 'string' && name.startsWith('PrismaClient')) {
    if (name === 'PrismaClientInitializationError') return 'unavailable';
    return typeof code === 'string' ? (KIND_BY_CODE[code] ?? 'other') : 'other';
  }
  if (name === 'DriverAdapterError') {
    const kind = (cause as { kind?: unknown } | undefined)?.kind;
    return typeof kind === 'string' ? (KIND_BY_ADAPTER_CAUSE[kind] ?? 'other') : 'other';
  }
  if (typeof code === 'string' && UNAVAILABLE_SOCKET_CODES.has(code)) return 'unavailable';
  return undefined;
}

export function isDatabaseError(err: unknown): boolean {
  return classifyDatabaseError(err) !== undefined;
}

export function isUniqueViolation(err: unknown): boolean {
  return classifyDatabaseError(err) === 'unique_violation';
}

export function isForeignKeyViolation(err: unknown): boolean {
  return classifyDatabaseError(err) === 'foreign_key_violation';
}

/** update()/delete() of a row that does not exist (Prisma P2025). findUnique returns null instead. */
export function isRecordNotFound(err: unknown): boolean {
  return classifyDatabaseError(err) === 'not_found';
}

export function isWriteConflict(err: unknown): boolean {
  return classifyDatabaseError(err) === 'write_conflict';
}

export function isInvalidValue(err: unknown): boolean {
  return classifyDatabaseError(err) === 'invalid_value';
}

export function isDatabaseUnavailable(err: unknown): boolean {
  return classifyDatabaseError(err) === 'unavailable';
}
