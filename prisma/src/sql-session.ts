import type { PGlite } from '@electric-sql/pglite';
import type { ClientBase } from 'pg';

/**
 * One database session (a single connection), which is all the migration runner needs. Both drivers
 * implement it, so migrations run the same way on PostgreSQL and on embedded PGlite.
 */
export interface SqlSession {
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<Row extends object>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** A session over one connected `pg` client (not a pool: the advisory lock and transactions are per connection). */
export function pgSession(client: ClientBase): SqlSession {
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query<Row>(sql, [...params]);
      return result.rows;
    },
  };
}

/** A session over a PGlite instance, which is single-connection by nature. */
export function pgliteSession(db: PGlite): SqlSession {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<Row>(sql, [...params]);
      return result.rows;
    },
  };
}

/** Quotes an identifier (schema or table name) for interpolation into SQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
