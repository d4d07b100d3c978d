import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const DLL = path.resolve(__dirname, '../build/profit_shim.dll');
const required = process.env.REQUIRE_WINDOWS_SHIM === '1';

beforeAll(() => {
  execFileSync(process.execPath, [path.join(__dirname, '../scripts/build-native.js'), ...(required ? ['--windows'] : [])], { stdio: 'pipe' });
});

/** PE header facts: what Windows' loader checks before it maps the shim next to ProfitDLL64.dll. */
function peFacts(file: Buffer): { machine: number; isDll: boolean; pe32Plus: boolean } {
  expect(file.toString('latin1', 0, 2)).toBe('MZ');
  const pe = file.readUInt32LE(0x3c);
  expect(file.toString('latin1', pe, pe + 4)).toBe('PE\0\0');
  const characteristics = file.readUInt16LE(pe + 22);
  return { machine: file.readUInt16LE(pe + 4), isDll: (characteristics & 0x2000) !== 0, pe32Plus: file.readUInt16LE(pe + 24) === 0x20b };
}

describe('Windows x64 build of the callback shim (mingw-w64)', () => {
  const built = existsSync(DLL);
  if (!built && !required) {
    it.skip('needs x86_64-w64-mingw32-gcc (apt-get install gcc-mingw-w64-x86-64); CI sets REQUIRE_WINDOWS_SHIM=1', () => undefined);
    return;
  }

  it('is a 64-bit Windows DLL exporting the shim entry points', () => {
    const file = readFileSync(DLL);
    expect(peFacts(file)).toEqual({ machine: 0x8664, isDll: true, pe32Plus: true });
    const text = file.toString('latin1');
    for (const name of ['Shim_Install', 'Shim_Drain', 'Shim_GetStats', 'Shim_Uninstall']) expect(text).toContain(`${name}\0`);
  });
});
