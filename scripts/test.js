#!/usr/bin/env node
/**
 * `npm test`: build what is stale, run every jest suite (unit, schema, store, e2e, browser), and end
 * with the plain line `N passed, N failed, N skipped` summed over all suites — also written to
 * test-results/summary.txt so CI can print it last.
 */
const { spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const summaryFile = join(results, 'summary.txt');
const finish = (passed, failed, skipped, code) => {
  const line = `${passed} passed, ${failed} failed, ${skipped} skipped`;
  writeFileSync(summaryFile, line + '\n');
  process.stdout.write(`\n${line}\n`);
  process.exit(code);
};

const build = spawnSync(process.execPath, [join(__dirname, 'build.js')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  process.stderr.write('build failed; no tests were run\n');
  finish(0, 1, 0, 1);
}

// Tests and the dashboard are not part of `tsc -b`; type-check them too so a test cannot drift from the code.
for (const project of ['tsconfig.tests.json', 'web/tsconfig.json']) {
  const check = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], { cwd: root, stdio: 'inherit' });
  if (check.status !== 0) {
    process.stderr.write(`type errors in ${project}; no tests were run\n`);
    finish(0, 1, 0, 1);
  }
}

const jsonFile = join(results, 'jest.json');
const jest = spawnSync(
  process.execPath,
  [require.resolve('jest/bin/jest'), '--json', `--outputFile=${jsonFile}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
let report;
try {
  report = JSON.parse(readFileSync(jsonFile, 'utf8'));
} catch {
  process.stderr.write('jest produced no report\n');
  finish(0, 1, 0, 1);
}
const failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
const skipped = report.numPendingTests + report.numTodoTests;
const code = jest.status === 0 && failed === 0 && report.numTotalTests > 0 ? 0 : 1;
finish(report.numPassedTests, failed, skipped, code);
