import { type FieldIssue, optionalText } from './field-issue';

/** An entry in the registry of systems around the platform: its own services and anything registered. */
export type SystemId = string & { readonly __brand: 'SystemId' };

export const SYSTEM_KINDS = ['API', 'WEBAPP', 'DOCS', 'TOOL', 'SUBGRAPH'] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

export const SYSTEM_STATUSES = ['ONLINE', 'DEGRADED', 'OFFLINE', 'UNKNOWN'] as const;
export type SystemStatus = (typeof SYSTEM_STATUSES)[number];

/** What describes a system; admins write these, seeding writes them for the platform's own services. */
export interface SystemFields {
  name: string;
  description: string;
  type: SystemKind;
  /** What the health checker probes; null when only host and port are known (or nothing). */
  url: string | null;
  host: string | null;
  port: number | null;
  owner: string | null;
  version: string | null;
  tags: string[];
}

/** The latest health check, kept on the system itself. */
export interface SystemHealth {
  status: SystemStatus;
  responseTimeMs: number | null;
  statusDetail: string | null;
  checkedAt: Date | null;
  statusChangedAt: Date | null;
}

export interface System extends SystemFields, SystemHealth {
  id: SystemId;
  /** One of the platform's own services: seeded at start, never deleted by hand. */
  builtIn: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A registration or a change as it arrives: absent keeps the old value, null clears an optional one. */
export interface SystemInput {
  name?: string | null;
  description?: string | null;
  type?: SystemKind | null;
  url?: string | null;
  host?: string | null;
  port?: number | null;
  owner?: string | null;
  version?: string | null;
  tags?: readonly string[] | null;
}

/** The fields seeding owns on a platform service; an admin may change only description, owner and tags. */
export const PLATFORM_OWNED_FIELDS = ['name', 'type', 'url', 'host', 'port', 'version'] as const satisfies ReadonlyArray<keyof SystemInput>;

export const BUILT_IN_PREFIX = 'platform:';
export const builtInId = (name: string): SystemId => `${BUILT_IN_PREFIX}${name}` as SystemId;
export const isBuiltInId = (id: string): boolean => id.startsWith(BUILT_IN_PREFIX);

const NAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$/;
const TAG = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const MAX_TAGS = 20;
const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443, 'mqtt:': 1883, 'nats:': 4222, 'redis:': 6379 };

/** Host and port a URL points at (the scheme's default port when it names none), or null when it is not a URL. */
export function endpointOf(url: string): { host: string; port: number | null } | null {
  try {
    const parsed = new URL(url);
    if (!parsed.hostname) return null;
    return { host: parsed.hostname, port: parsed.port ? Number(parsed.port) : (DEFAULT_PORTS[parsed.protocol] ?? null) };
  } catch {
    return null;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/**
 * Normalises a registration (`current` null) or a change to `current`, and lists every rule it breaks.
 * Names are identifiers, compared lower case; host and port default to the URL's; tags are lower case,
 * without repeats.
 */
export function checkSystemInput(input: SystemInput, current: SystemFields | null): { fields: SystemFields; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const pick = <K extends keyof SystemInput>(key: K): SystemInput[K] | undefined => input[key];
  const name = pick('name') === undefined && current ? current.name : (pick('name') ?? '').trim().toLowerCase();
  if (!NAME.test(name)) issues.push({ field: 'name', message: 'must be 2 to 64 lower-case letters, digits, dots, dashes or underscores' });
  const description = pick('description') === undefined && current ? current.description : (pick('description') ?? '').trim();
  if (description.length < 1 || description.length > 2000) issues.push({ field: 'description', message: 'must be 1 to 2000 characters' });
  const type = pick('type') === undefined && current ? current.type : (pick('type') ?? (current ? null : 'TOOL'));
  if (type === null || !SYSTEM_KINDS.includes(type)) issues.push({ field: 'type', message: `must be one of ${SYSTEM_KINDS.join(', ')}` });

  const url = input.url === undefined ? (current?.url ?? null) : optionalText(input.url);
  if (url !== null && (url.length > 2048 || !isHttpUrl(url))) issues.push({ field: 'url', message: 'must be an http(s) URL of at most 2048 characters, without credentials' });
  const fromUrl = url !== null && isHttpUrl(url) ? endpointOf(url) : null;

  // A new URL re-derives host and port unless they are given too.
  const urlChanged = input.url !== undefined;
  let host = input.host !== undefined ? optionalText(input.host) : urlChanged ? null : (current?.host ?? null);
  if (host !== null && (host.length > 253 || !HOST.test(host))) issues.push({ field: 'host', message: 'must be a host name or an IP address' });
  else if (host !== null && fromUrl && host.toLowerCase() !== fromUrl.host.toLowerCase()) issues.push({ field: 'host', message: `must match the url's host (${fromUrl.host})` });
  host ??= fromUrl?.host ?? null;

  let port = input.port !== undefined ? (input.port ?? null) : urlChanged ? null : (current?.port ?? null);
  if (port !== null && (!Number.isInteger(port) || port < 1 || port > 65535)) issues.push({ field: 'port', message: 'must be a whole number from 1 to 65535' });
  else if (port !== null && fromUrl?.port != null && port !== fromUrl.port) issues.push({ field: 'port', message: `must match the url's port (${fromUrl.port})` });
  port ??= fromUrl?.port ?? null;

  const owner = input.owner === undefined ? (current?.owner ?? null) : optionalText(input.owner);
  if (owner !== null && owner.length > 120) issues.push({ field: 'owner', message: 'must be at most 120 characters' });
  const version = input.version === undefined ? (current?.version ?? null) : optionalText(input.version);
  if (version !== null && version.length > 64) issues.push({ field: 'version', message: 'must be at most 64 characters' });

  let tags = current?.tags ?? [];
  if (input.tags !== undefined) {
    const given = (input.tags ?? []).map((tag) => tag.trim().toLowerCase());
    if (given.length > MAX_TAGS) issues.push({ field: 'tags', message: `at most ${MAX_TAGS} tags` });
    given.forEach((tag, i) => {
      if (!TAG.test(tag)) issues.push({ field: `tags[${i}]`, message: 'must be 1 to 32 lower-case letters, digits or dashes' });
    });
    tags = [...new Set(given)];
  }
  return { fields: { name, description, type: type ?? 'TOOL', url, host, port, owner, version, tags }, issues };
}

/** A change an admin may not make to a platform service: the fields seeding owns, named. */
export function platformOwnedChanges(input: SystemInput, current: SystemFields): FieldIssue[] {
  const { fields } = checkSystemInput(input, current);
  return PLATFORM_OWNED_FIELDS.filter((key) => input[key] !== undefined && fields[key] !== current[key]).map((field) => ({
    field,
    message: 'is set by the platform for its own services and cannot be changed',
  }));
}
