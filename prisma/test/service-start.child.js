'use strict';
/**
 * One service process starting as `npm start` runs it, for tests that need several real processes:
 * `node service-start.child.js <service> <dataDir>` opens the service's database from the TypeScript
 * sources (compiled on load by swc, as jest does), records which service wrote there, and exits.
 */
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const [service, dataDir] = process.argv.slice(2);
const { openDatabase } = require(path.join(__dirname, '..', 'src', 'open-database.ts'));

openDatabase({ service, dataDir }).then(async (db) => {
  try {
    await db.prisma.systemEntry.create({ data: { name: service, description: `written by ${service}` } });
  } finally {
    await db.close();
  }
});
