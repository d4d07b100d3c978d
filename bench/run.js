'use strict';
// `npm run bench`: the gateway RPS comparison, then the tick fan-out / upstream / idle-memory bench,
// one after the other (never in parallel: they share the machine's cores).
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

let failed = false;
for (const script of ['gateway-rps.js', 'tick-fanout.js']) {
  const result = spawnSync(process.execPath, [join(__dirname, script), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
