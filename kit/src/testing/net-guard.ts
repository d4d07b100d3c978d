/**
 * Preloaded with `node --require @b3/kit/dist/testing/net-guard.js` (the e2e harness does it for every
 * process): records, and with NET_GUARD=block refuses, any outbound TCP/UDP attempt to an address that
 * is not loopback. Each attempt is appended as one JSON line to NET_GUARD_LOG so a test can fail on it.
 */
import { appendFileSync } from 'node:fs';
import dgram from 'node:dgram';
import net from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.', 'ip6-localhost']);

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOOPBACK_NAMES.has(bare)) return true;
  if (bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  if (bare.startsWith('::ffff:')) return isLoopbackHost(bare.slice(7));
  return net.isIPv4(bare) && bare.startsWith('127.');
}

function report(kind: string, host: string, port: unknown): void {
  const line = JSON.stringify({ kind, host, port, pid: process.pid, argv: process.argv.slice(1, 3), at: new Date().toISOString() });
  process.stderr.write(`NET_GUARD_VIOLATION ${line}\n`);
  const file = process.env.NET_GUARD_LOG;
  if (file) appendFileSync(file, line + '\n');
}

function targetOf(args: unknown[]): { host?: string; port?: unknown } {
  const [first, second] = args;
  if (first !== null && typeof first === 'object') {
    const opts = first as { host?: string; port?: unknown; path?: string };
    if (opts.path) return {};
    return { host: opts.host ?? 'localhost', port: opts.port };
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return { host: typeof second === 'string' ? second : 'localhost', port: first };
  }
  return {}; // a unix socket path
}

function install(): void {
  const block = process.env.NET_GUARD === 'block';
  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const normalized = Array.isArray(args[0]) ? (args[0] as unknown[]) : args; // node passes [options, cb] internally
    const { host, port } = targetOf(normalized);
    if (host !== undefined && !isLoopbackHost(host)) {
      report('tcp', host, port);
      if (block) {
        process.nextTick(() => this.destroy(new Error(`NET_GUARD blocked connection to ${host}:${String(port)}`)));
        return this;
      }
    }
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;

  const originalSend = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function guardedSend(this: dgram.Socket, ...args: unknown[]) {
    const host = args.find((a, i) => i > 0 && typeof a === 'string') as string | undefined;
    if (host !== undefined && !isLoopbackHost(host)) {
      report('udp', host, undefined);
      if (block) return;
    }
    return (originalSend as (...a: unknown[]) => void).apply(this, args);
  } as typeof dgram.Socket.prototype.send;
}

if (process.env.NET_GUARD && process.env.NET_GUARD !== 'off') install();
