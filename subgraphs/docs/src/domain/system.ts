/** An entry in the registry of systems around the platform: its own services and anything registered. */
export type SystemId = string & { readonly __brand: 'SystemId' };

export interface System {
  id: SystemId;
  name: string;
  description: string;
  url: string | null;
  owner: string | null;
  /** The platform's own services are listed from its process table, never stored. */
  builtIn: boolean;
  /** Null for built-in entries. */
  createdAt: Date | null;
}

export interface SystemRequest {
  name: string;
  description: string;
  url?: string | null;
  owner?: string | null;
}

export interface NewSystem {
  name: string;
  description: string;
  url: string | null;
  owner: string | null;
}

export interface SystemIssue {
  field: keyof SystemRequest;
  message: string;
}

/** One of the platform's processes as the registry shows it. */
export interface PlatformService {
  name: string;
  kind: string;
  /** Workspace folder in the repository. */
  dir: string;
  /** GraphQL endpoint; its origin also serves /health. */
  url: string;
}

const NAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const BUILT_IN_PREFIX = 'platform:';

export function builtInSystem(service: PlatformService): System {
  return {
    id: `${BUILT_IN_PREFIX}${service.name}` as SystemId,
    name: service.name,
    description: `Platform ${service.kind} (${service.dir})`,
    url: service.url,
    owner: 'platform',
    builtIn: true,
    createdAt: null,
  };
}

export function isBuiltInId(id: string): boolean {
  return id.startsWith(BUILT_IN_PREFIX);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Normalises a registration and lists every rule it breaks. Names are identifiers, compared lower-case. */
export function checkNewSystem(request: SystemRequest): { system: NewSystem; issues: SystemIssue[] } {
  const optional = (value: string | null | undefined): string | null => value?.trim() || null;
  const system: NewSystem = {
    name: request.name.trim().toLowerCase(),
    description: request.description.trim(),
    url: optional(request.url),
    owner: optional(request.owner),
  };
  const issues: SystemIssue[] = [];
  if (!NAME.test(system.name)) issues.push({ field: 'name', message: 'must be 2 to 64 letters, digits, dots, dashes or underscores' });
  if (system.description.length < 1 || system.description.length > 2000) issues.push({ field: 'description', message: 'must be 1 to 2000 characters' });
  if (system.url !== null && !isHttpUrl(system.url)) issues.push({ field: 'url', message: 'must be an http(s) URL' });
  if (system.owner !== null && system.owner.length > 120) issues.push({ field: 'owner', message: 'must be at most 120 characters' });
  return { system, issues };
}
