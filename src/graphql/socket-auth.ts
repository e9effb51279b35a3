import type { Context } from 'graphql-ws';
import type { AuthenticatedOfficer } from '../auth/authenticated-officer.js';

/** What the socket needs from AuthService (kept narrow so the options stay testable). */
export interface SocketAuthenticator {
  authenticate(token: string): Promise<AuthenticatedOfficer>;
}

interface SocketExtra {
  officer?: AuthenticatedOfficer;
  authorization?: string;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;

/**
 * graphql-ws hooks: `onConnect` verifies `connectionParams.authorization` ("Bearer <token>") and
 * refuses the socket (4403) without a valid token, so nothing is ever sent to an anonymous socket.
 * `context` hands the AuthGuard the same header as an HTTP request has, so @Roles applies per
 * subscription exactly as for queries.
 */
export function socketAuthHooks(auth: SocketAuthenticator) {
  return {
    onConnect: async (ctx: Context<Record<string, unknown> | undefined, unknown>): Promise<boolean> => {
      const header = ctx.connectionParams?.authorization;
      const match = typeof header === 'string' ? BEARER.exec(header) : null;
      if (!match || typeof header !== 'string') return false;
      try {
        const extra = ctx.extra as SocketExtra;
        extra.officer = await auth.authenticate(match[1]);
        extra.authorization = header;
        return true;
      } catch {
        return false;
      }
    },
    context: (ctx: Context<Record<string, unknown> | undefined, unknown>) => {
      const extra = ctx.extra as SocketExtra;
      return { req: { headers: { authorization: extra.authorization } } };
    },
  };
}
