import { jwtVerify, SignJWT } from 'jose';
import type { AuthenticatedOfficer } from './authenticated-officer.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';

const AUDIENCE = 'fed-node:officer-api';

/** Signed (HS256) expiring bearer tokens; the secret never leaves the node's data folder. */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: Uint8Array,
    private readonly issuer: string,
    private readonly ttlSeconds: number,
  ) {
    if (secret.length < 32) throw new Error('token secret must be at least 32 bytes');
    this.key = secret;
  }

  async issue(officer: AuthenticatedOfficer): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    const token = await new SignJWT({ username: officer.username })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(officer.id)
      .setIssuer(this.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** Returns the officer id the token was issued to. */
  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: this.issuer, audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string') throw new Error('no subject');
      return payload.sub;
    } catch {
      throw new AuthException('The bearer token is invalid or has expired; log in again', AuthExceptionCode.INVALID_TOKEN);
    }
  }
}
