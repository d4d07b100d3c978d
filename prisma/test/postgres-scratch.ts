import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { serviceAvailable } from '@b3/kit/testing/require-service';

/** The machine's PostgreSQL; gate suites with `describeWithService('postgres', POSTGRES_PORT)`. */
export const POSTGRES_PORT = 5432;
const SERVER_URL = `postgresql://postgres@127.0.0.1:${POSTGRES_PORT}/test`;

export interface ScratchSchema {
  /** Connection URL selecting the scratch schema, as a service would receive it in DATABASE_URL. */
  url: string;
  schema: string;
  /** A plain pg client with search_path set to the scratch schema, for inspecting what was written. */
  connect(): Promise<Client>;
  drop(): Promise<void>;
}

/**
 * A uniquely named PostgreSQL schema in the machine's `test` database, so parallel runs never see each
 * other's tables; undefined (after serviceAvailable printed why) when PostgreSQL is not here.
 */
export async function scratchSchema(): Promise<ScratchSchema | undefined> {
  return (await serviceAvailable('postgres', POSTGRES_PORT)) ? createScratchSchema() : undefined;
}

/**
 * The same without the availability check, for suites already gated by describeWithService: if
 * PostgreSQL went away since, connecting fails the test instead of quietly passing it.
 */
export async function createScratchSchema(): Promise<ScratchSchema> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const connect = async (): Promise<Client> => {
    const client = new Client({ connectionString: SERVER_URL });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${schema}"`);
    } catch (err) {
      await client.end();
      throw err;
    }
    return client;
  };
  // Created once here: concurrent CREATE SCHEMA IF NOT EXISTS can still collide on the catalog.
  const admin = await connect();
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `${SERVER_URL}?schema=${schema}`,
    schema,
    connect,
    async drop() {
      const client = new Client({ connectionString: SERVER_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
