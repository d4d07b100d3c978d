import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';

const REPO_ROOT = path.resolve(__dirname, '../..');
const SDK_DIR = 'web/src/gql';

function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]));
}

/**
 * The SDK in web/src/gql is committed, so a schema or document change without `npm run codegen` would
 * ship stale types. Codegen runs here with the real codegen.yml, only redirected to a scratch directory.
 */
describe('committed dashboard SDK', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'b3-codegen-'));
  });

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it(`${SDK_DIR} is what \`npm run codegen\` writes from api.graphql and the documents`, async () => {
    const { config } = await loadCodegenConfig({ configFilePath: path.join(REPO_ROOT, 'codegen.yml') });
    expect(Object.keys(config.generates)).toContain(`${SDK_DIR}/`);
    const generates = Object.fromEntries(
      Object.entries(config.generates).map(([target, output]) => [path.join(scratch, target), output]),
    );

    await generate({ ...config, generates, cwd: REPO_ROOT, silent: true }, true);

    // A file left behind by an older codegen config is stale too, so whole directories are compared.
    expect(readTree(path.join(REPO_ROOT, SDK_DIR))).toEqual(readTree(path.join(scratch, SDK_DIR)));
  });
});
