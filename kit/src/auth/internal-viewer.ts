import { jwtVerify, SignJWT } from 'jose';
import { unauthenticated } from '../errors/domain-error';
import { isRole, type Viewer } from './roles';

/**
 * The gateway tells subgraphs who is calling in this header, signed with a secret only the platform's
 * processes share. A subgraph trusts nothing else: a request without it is anonymous, a request with a
 * bad signature is refused.
 */
export const VIEWER_HEADER = 'x-b3-viewer';
export const REQUEST_ID_HEADER = 'x-request-id';
const AUDIENCE = 'b3-subgraphs';

export async function signInternalViewer(viewer: Viewer, secret: string, ttlSeconds = 300): Promise<string> {
  return new SignJWT({ roles: [...viewer.roles] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.id)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret));
}

export async function verifyInternalViewer(header: string, secret: string): Promise<Viewer> {
  try {
    const { payload } = await jwtVerify(header, new TextEncoder().encode(secret), {
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    const raw = (payload as { roles?: unknown }).roles;
    if (typeof payload.sub !== 'string' || !Array.isArray(raw)) throw new Error('malformed');
    return { id: payload.sub, roles: raw.filter(isRole) };
  } catch {
    throw unauthenticated('Untrusted caller identity');
  }
}
