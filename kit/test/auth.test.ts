import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createUserTokenVerifier, hasRole, signInternalViewer, signUserToken, verifyInternalViewer } from '../src';

const secret = 'test-secret';

describe('user tokens', () => {
  const verify = createUserTokenVerifier({ kind: 'hs256', secret });

  it('accepts a token signed with the secret and keeps only known roles', async () => {
    const token = await signUserToken({ sub: 'u1', roles: ['trader'] }, secret);
    await expect(verify(token)).resolves.toEqual({ id: 'u1', roles: ['trader'] });
    const odd = await new SignJWT({ roles: ['trader', 'root'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('u2').sign(new TextEncoder().encode(secret));
    await expect(verify(odd)).resolves.toEqual({ id: 'u2', roles: ['trader'] });
  });

  it('refuses a wrong signature, an expired token and a token without subject as UNAUTHENTICATED', async () => {
    const wrong = await signUserToken({ sub: 'u1', roles: ['admin'] }, 'other-secret');
    const expired = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setExpirationTime(Math.floor(Date.now() / 1000) - 10).sign(new TextEncoder().encode(secret));
    const anonymous = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
    for (const token of [wrong, expired, anonymous, 'garbage']) {
      await expect(verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('orders roles: admin ⊇ trader ⊇ viewer', () => {
    expect(hasRole({ id: 'a', roles: ['admin'] }, 'trader')).toBe(true);
    expect(hasRole({ id: 't', roles: ['trader'] }, 'viewer')).toBe(true);
    expect(hasRole({ id: 'v', roles: ['viewer'] }, 'trader')).toBe(false);
  });
});

describe('user tokens from a JWKS file', () => {
  it('accepts RS256 and ES256 tokens signed by a listed key and refuses other keys and HS256', async () => {
    const rsa = await generateKeyPair('RS256');
    const ec = await generateKeyPair('ES256');
    const stranger = await generateKeyPair('ES256');
    const jwks = { keys: [{ ...(await exportJWK(rsa.publicKey)), kid: 'rsa', alg: 'RS256' }, { ...(await exportJWK(ec.publicKey)), kid: 'ec', alg: 'ES256' }] };
    const jwksFile = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify(jwks));
    const verify = createUserTokenVerifier({ kind: 'jwks-file', jwksFile, issuer: 'https://idp.test' });
    const sign = (alg: string, kid: string, key: CryptoKey | Uint8Array, issuer = 'https://idp.test') =>
      new SignJWT({ roles: ['trader'] }).setProtectedHeader({ alg, kid }).setSubject('u9').setIssuer(issuer).setExpirationTime('5m').sign(key);

    await expect(verify(await sign('RS256', 'rsa', rsa.privateKey))).resolves.toEqual({ id: 'u9', roles: ['trader'] });
    await expect(verify(await sign('ES256', 'ec', ec.privateKey))).resolves.toEqual({ id: 'u9', roles: ['trader'] });
    for (const token of [
      await sign('ES256', 'ec', stranger.privateKey),
      await sign('RS256', 'rsa', rsa.privateKey, 'https://elsewhere.test'),
      await sign('HS256', 'rsa', new TextEncoder().encode(secret)),
    ]) {
      await expect(verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
  });
});

describe('gateway → subgraph viewer header', () => {
  it('round-trips the viewer and rejects a header signed with another secret', async () => {
    const header = await signInternalViewer({ id: 'u1', roles: ['trader'] }, secret);
    await expect(verifyInternalViewer(header, secret)).resolves.toEqual({ id: 'u1', roles: ['trader'] });
    await expect(verifyInternalViewer(header, 'forged')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('does not accept a user token as a viewer header', async () => {
    const userToken = await signUserToken({ sub: 'u1', roles: ['admin'] }, secret);
    await expect(verifyInternalViewer(userToken, secret)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
