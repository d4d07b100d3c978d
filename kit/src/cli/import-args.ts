import { GATEWAY } from '../platform/services';

/**
 * The command line every import CLI shares: one file, `--name value` or `--name=value` options from a
 * fixed set, `--url` of the gateway (default the local one) and `--token` falling back to B3_TOKEN. Pure, so
 * each CLI unit-tests its own rules on top.
 */
export const DEFAULT_GATEWAY_URL = `http://127.0.0.1:${GATEWAY.defaultPort}/graphql`;

export interface CommonImportArgs {
  readonly file: string;
  /** Every option given, by name (`--kind`), besides the common ones. */
  readonly values: ReadonlyMap<string, string>;
  readonly url: string;
  readonly token: string | null;
}

export type ReadImportArgs = { ok: true; args: CommonImportArgs } | { ok: false; error: string } | { ok: false; help: true };

export function readImportArgs(
  argv: readonly string[],
  options: { valueOptions: readonly string[]; fileHint: string; env?: Readonly<Record<string, string | undefined>> },
): ReadImportArgs {
  const known = new Set([...options.valueOptions, '--url', '--token']);
  const values = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { ok: false, help: true };
    if (!arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!known.has(name)) return { ok: false, error: `unknown option ${name}` };
    const value = inline ?? argv[++i];
    // a negative number (a chat id, an offset) is a value, not the next option
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) return { ok: false, error: `${name} needs a value` };
    values.set(name, value);
  }
  if (files.length !== 1) return { ok: false, error: files.length === 0 ? `give the ${options.fileHint} to import` : `one file at a time, got ${files.join(', ')}` };

  const url = values.get('--url') ?? DEFAULT_GATEWAY_URL;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, error: `--url ${url} is not a URL` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, error: `--url must be http:// or https://, got ${url}` };
  const env = options.env ?? {};
  return { ok: true, args: { file: files[0], values, url, token: values.get('--token') ?? (env.B3_TOKEN ? env.B3_TOKEN : null) } };
}
