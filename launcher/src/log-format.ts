const COLORS = [36, 32, 33, 35, 34, 96, 92, 93, 95, 94];
const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const width = 9;

function colorFor(name: string): number {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length];
}

/** `[market  ] INFO subgraph listening url=…` from a pino JSON line; other lines pass through. */
export function formatLogLine(service: string, line: string): string {
  const tag = `[${service.padEnd(width)}]`;
  const prefix = useColor ? `\x1b[${colorFor(service)}m${tag}\x1b[0m` : tag;
  if (!line.startsWith('{')) return `${prefix} ${line}`;
  try {
    const { level, msg, time: _time, service: _service, pid: _pid, hostname: _host, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const fields = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return `${prefix} ${LEVELS[Number(level)] ?? 'LOG'} ${String(msg ?? '')}${fields ? ' ' + fields : ''}`;
  } catch {
    return `${prefix} ${line}`;
  }
}
