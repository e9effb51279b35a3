import { jwtVerify, SignJWT } from 'jose';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';

const AUDIENCE = 'fed-node:officer-api';

/** What a valid token says: whose it is and until when it may be used. */
export interface VerifiedToken {
  officerId: string;
  expiresAt: Date;
}

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

  /**
   * The officer the token was issued to, and its expiry. A token must carry `exp` and `iat` and be no
   * older than the configured lifetime: jose alone accepts a token without `exp` for ever.
   */
  async verify(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: this.issuer,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: this.ttlSeconds,
      });
      if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw new Error('no subject or expiry');
      return { officerId: payload.sub, expiresAt: new Date(payload.exp * 1000) };
    } catch {
      throw new AuthException(
        'The bearer token is invalid or has expired; log in again',
        AuthExceptionCode.INVALID_TOKEN,
      );
    }
  }
}
