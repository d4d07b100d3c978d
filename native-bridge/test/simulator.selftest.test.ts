import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs the simulator's C self-test (sim/tests/sim_selftest.c) against build/libprofitdll_sim.so: depth, orders,
 * accounts, history, reentrancy, layout report and a wall-clock throughput measurement. The binary is compiled
 * into a temporary directory, never into the tree.
 */
const root = path.join(__dirname, '..');
const library = path.join(root, 'build', 'libprofitdll_sim.so');

/** Member names of every `typedef struct { ... } Name;` in the ABI header, in declaration order. */
function headerStructs(): Map<string, string[]> {
  const source = fs
    .readFileSync(path.join(root, 'include', 'profitdll_abi.h'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  const structs = new Map<string, string[]>();
  for (const match of source.matchAll(/typedef\s+struct\s*\{([^{}]*)\}\s*(\w+)\s*;/g)) {
    const members: string[] = [];
    for (const declaration of match[1].split(';').map((d) => d.trim()).filter(Boolean)) {
      // `uint16_t wYear, wMonth`, `const char16_t *Ticker`, `char16_t AccountID[100]`: the identifier ending each declarator
      for (const declarator of declaration.split(',')) {
        const name = /(\w+)\s*(?:\[[^\]]*\])?\s*$/.exec(declarator.trim());
        if (name) members.push(name[1]);
      }
    }
    structs.set(match[2], members);
  }
  return structs;
}

describe('simulator C self-test', () => {
  let dir: string;
  let binary: string;

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(__dirname, '../scripts/build-native.js')], { stdio: 'pipe' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-selftest-'));
    binary = path.join(dir, 'sim_selftest');
    execFileSync(
      process.env.CC || 'gcc',
      [
        '-std=c11', '-Wall', '-Wextra', '-Werror', '-O2', '-pthread',
        '-o', binary, path.join(root, 'sim', 'tests', 'sim_selftest.c'),
        `-L${path.dirname(library)}`, '-lprofitdll_sim', '-lm', `-Wl,-rpath,${path.dirname(library)}`,
      ],
      { stdio: 'pipe' },
    );
  }, 120_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('passes every check', () => {
    const run = spawnSync(binary, [], { encoding: 'utf8', timeout: 120_000 });
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    const failed = output.split('\n').filter((line) => line.startsWith('FAIL'));
    // the measured numbers are informative: surface them in the test log
    for (const line of output.split('\n').filter((l) => /throughput|capacity/.test(l) && !l.startsWith('ok'))) console.log(line.trim());
    expect(failed).toEqual([]);
    expect(output).toMatch(/^\d+ checks, 0 failed$/m);
    expect(run.status).toBe(0);
  }, 150_000);

  it('reports every top-level field of each ABI struct, by its C name and in header order', () => {
    const lines = execFileSync(binary, ['--layout'], { encoding: 'utf8' }).trim().split('\n');
    const header = headerStructs();
    expect(lines).toHaveLength(19);
    for (const line of lines) {
      const space = line.indexOf(' ');
      const name = line.slice(0, space);
      const layout = JSON.parse(line.slice(space + 1)) as { size: number; fields: Record<string, number> };
      expect({ name, fields: Object.keys(layout.fields) }).toEqual({ name, fields: header.get(name) });
      expect(layout.size).toBeGreaterThan(0);
    }
  });
});
