export { openDatabase, defaultDataDir, parseDatabaseUrl } from './open-database';
export type { Database, OpenDatabaseOptions, PrismaClient } from './open-database';
export { openPostgresTestDatabase, openTestDatabase, resetDatabase } from './test-database';
export {
  applyMigrations,
  loadMigrations,
  checksumOf,
  MigrationError,
  MIGRATIONS_DIR,
} from './migration-runner';
export type { Migration, MigrationResult } from './migration-runner';
export { pgSession, pgliteSession } from './sql-session';
export type { SqlSession } from './sql-session';
export {
  classifyDatabaseError,
  isDatabaseError,
  isUniqueViolation,
  isForeignKeyViolation,
  isRecordNotFound,
  isWriteConflict,
  isInvalidValue,
  isDatabaseUnavailable,
} from './database-errors';
export type { DatabaseErrorKind } from './database-errors';

// Stores need the generated model types, enums and Prisma.Decimal; they map them to domain types.
export { Prisma, OrderSide, OrderType, OrderStatus, TimeInForce, OrderEventType, RiskRule } from './generated/client';
export type {
  Idea,
  Order,
  OrderFill,
  OrderEvent,
  RiskLimits,
  RiskLimitsChange,
  RiskDecision,
  KillSwitch,
  KillSwitchEvent,
  Signal,
  SystemEntry,
} from './generated/client';
export { databaseOptionsFromEnv, databaseResource } from './database-config';
