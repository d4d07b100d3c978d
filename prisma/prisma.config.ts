import { defineConfig } from 'prisma/config';

// Only the CLI reads this file. The URL is optional so that `prisma generate` works without a database;
// the services themselves connect through openDatabase() in src/index.ts.
export default defineConfig({
  schema: 'schema',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL },
});
