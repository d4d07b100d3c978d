import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { unauthenticated } from '../errors/domain-error';
import { isRole, type Role, type Viewer } from './roles';

/**
 * End-user tokens, verified only at the gateway: HS256 with a shared secret by default, or RS/ES keys
 * from a JWKS endpoint when JWT_JWKS_URL is configured (the only non-loopback call the gateway may make,
 * and only because an operator named it), or from a JWKS file (JWT_JWKS_FILE) for air-gapped set-ups.
 */
export type UserTokenConfig =
  | { kind: 'hs256'; secret: string; issuer?: string; audience?: string }
  | { kind: 'jwks'; jwksUrl: string; issuer?: string; audience?: string }
  | { kind: 'jwks-file'; jwksFile: string; issuer?: string; audience?: string };

/** Asymmetric algorithms accepted with JWKS keys; `none` and HMAC never are, whatever a key claims. */
const JWKS_ALGORITHMS = ['RS256', 'ES256'];

export type UserTokenVerifier = (token: string) => Promise<Viewer>;

function viewerFromClaims(payload: JWTPayload): Viewer {
  if (typeof payload.sub !== 'string' || payload.sub === '') throw unauthenticated('Token has no subject');
  const raw = (payload as { roles?: unknown }).roles;
  const roles = Array.isArray(raw) ? raw.filter(isRole) : [];
  return { id: payload.sub, roles: roles.length ? roles : ['viewer'] };
}

export function createUserTokenVerifier(config: UserTokenConfig): UserTokenVerifier {
  const options = { issuer: config.issuer, audience: config.audience };
  if (config.kind === 'jwks' || config.kind === 'jwks-file') {
    const keys =
      config.kind === 'jwks'
        ? createRemoteJWKSet(new URL(config.jwksUrl))
        : createLocalJWKSet(JSON.parse(readFileSync(config.jwksFile, 'utf8')) as JSONWebKeySet);
    return async (token) => {
      try {
        return viewerFromClaims((await jwtVerify(token, keys, { ...options, algorithms: JWKS_ALGORITHMS })).payload);
      } catch {
        throw unauthenticated('Invalid or expired token');
      }
    };
  }
  const key = new TextEncoder().encode(config.secret);
  return async (token) => {
    try {
      return viewerFromClaims((await jwtVerify(token, key, { ...options, algorithms: ['HS256'] })).payload);
    } catch {
      throw unauthenticated('Invalid or expired token');
    }
  };
}

/** Development tokens printed by `npm start`; production issues tokens elsewhere. */
export async function signUserToken(
  claims: { sub: string; roles: readonly Role[]; name?: string },
  secret: string,
  expiresIn = '12h',
): Promise<string> {
  return new SignJWT({ roles: [...claims.roles], name: claims.name })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
