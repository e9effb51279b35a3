import type { Context } from 'graphql-ws';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';

/** What the socket needs from AuthService (kept narrow so the options stay testable). */
export interface SocketAuthenticator {
  /** Authenticates the socket and watches it: `close` ends it when the token expires or the account is disabled. */
  openSession(
    token: string,
    close: (code: number, reason: string) => void,
  ): Promise<{ officer: AuthenticatedOfficer; end(): void }>;
}

interface SocketExtra {
  /** The ws socket graphql-ws runs on (graphql-ws/use/ws puts it here). */
  socket?: { close(code: number, reason: string): void };
  officer?: AuthenticatedOfficer;
  authorization?: string;
  endSession?: () => void;
}

type SocketContext = Context<Record<string, unknown> | undefined, unknown>;

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;

/**
 * graphql-ws hooks: `onConnect` verifies `connectionParams.authorization` ("Bearer <token>") and
 * refuses the socket (4403) without a valid token, so nothing is ever sent to an anonymous socket.
 * The socket is then closed by the node when the token expires (4401) or the account is disabled
 * (4403), so it stops hearing at once. `context` hands the AuthGuard the same header as an HTTP
 * request has, so @Roles applies per subscription exactly as for queries.
 */
export function socketAuthHooks(auth: SocketAuthenticator) {
  return {
    onConnect: async (ctx: SocketContext): Promise<boolean> => {
      const header = ctx.connectionParams?.authorization;
      const match = typeof header === 'string' ? BEARER.exec(header) : null;
      if (!match || typeof header !== 'string') return false;
      const extra = ctx.extra as SocketExtra;
      try {
        const session = await auth.openSession(match[1], (code, reason) => extra.socket?.close(code, reason));
        extra.officer = session.officer;
        extra.authorization = header;
        extra.endSession = session.end;
        return true;
      } catch {
        return false;
      }
    },
    onClose: (ctx: SocketContext): void => {
      (ctx.extra as SocketExtra).endSession?.();
    },
    context: (ctx: SocketContext) => {
      const extra = ctx.extra as SocketExtra;
      return { req: { headers: { authorization: extra.authorization } } };
    },
  };
}
