import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { PgChannelListener } from '../common/database/pg-channel-listener.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { LOGGER } from '../config/config.module.js';
import {
  ACCESS_CHANGED_CHANNEL,
  OfficerAccountService,
  type AccessChange,
} from '../officers/officer-account.service.js';

/** Ends one open session (a graphql-ws socket) with a close code and a reason the client sees. */
export type SessionCloser = (code: number, reason: string) => void;

/** graphql-ws close codes (4401 Unauthorized, 4403 Forbidden). */
export const SESSION_EXPIRED = { code: 4401, reason: 'Unauthorized: the token has expired; log in again' };
export const ACCOUNT_DISABLED = { code: 4403, reason: 'Forbidden: the account is disabled' };
export const ROLES_CHANGED = { code: 4401, reason: "Unauthorized: the account's roles changed; connect again" };

const CLOSE_FOR: Record<AccessChange, { code: number; reason: string }> = {
  DISABLED: ACCOUNT_DISABLED,
  ROLES_CHANGED,
};

interface Session {
  officerId: string;
  /** The roles the socket was authenticated with, to tell a missed change of roles. */
  roles: readonly string[];
  close: SessionCloser;
  timer: NodeJS.Timeout;
}

/**
 * The long-lived connections (subscription sockets) of officers in this process. A socket is
 * authenticated once, at connect, so it ends here when its token expires, and at once when its
 * account is disabled or its roles change: in this process directly, in every other process through
 * the NOTIFY of the change; after a lost listener connection every open session's account is
 * checked again.
 */
@Injectable()
export class OfficerSessions implements OnModuleInit, OnModuleDestroy {
  private readonly sessions = new Set<Session>();
  private readonly listener: PgChannelListener;

  constructor(
    tx: TransactionContext,
    private readonly accounts: OfficerAccountService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.listener = new PgChannelListener(
      tx.dataSource,
      ACCESS_CHANGED_CHANNEL,
      {
        notification: (payload) => {
          const [change, accountId] = payload.split(' ');
          if (accountId && change in CLOSE_FOR) this.endFor(accountId, CLOSE_FOR[change as AccessChange]);
        },
        connected: () => void this.recheck(),
      },
      logger,
    );
  }

  async onModuleInit(): Promise<void> {
    this.accounts.onAccessChanged((accountId, change) => this.endFor(accountId, CLOSE_FOR[change]));
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
    for (const session of this.sessions) clearTimeout(session.timer);
    this.sessions.clear();
  }

  /** Open sessions in this process (tests). */
  get count(): number {
    return this.sessions.size;
  }

  /** Registers a session that must end at `expiresAt`; returns what to call when it ends on its own. */
  open(officer: { id: string; roles: readonly string[] }, expiresAt: Date, close: SessionCloser): () => void {
    const remainingMs = Math.max(0, expiresAt.getTime() - Date.now());
    const session: Session = {
      officerId: officer.id,
      roles: officer.roles,
      close,
      timer: undefined as unknown as NodeJS.Timeout,
    };
    // setTimeout caps at 2^31-1 ms (24.8 days); tokens live at most a day.
    session.timer = setTimeout(() => this.end(session, SESSION_EXPIRED), Math.min(remainingMs, 2 ** 31 - 1));
    session.timer.unref();
    this.sessions.add(session);
    return () => {
      clearTimeout(session.timer);
      this.sessions.delete(session);
    };
  }

  private endFor(accountId: string, why: { code: number; reason: string }): void {
    for (const session of [...this.sessions]) if (session.officerId === accountId) this.end(session, why);
  }

  private end(session: Session, why: { code: number; reason: string }): void {
    if (!this.sessions.delete(session)) return;
    clearTimeout(session.timer);
    this.logger.info(
      { event: 'session.closed', officerId: session.officerId, code: why.code },
      `subscription socket closed: ${why.reason}`,
    );
    session.close(why.code, why.reason);
  }

  /** Changes missed while the listener was down: end the sessions of accounts disabled or with other roles. */
  private async recheck(): Promise<void> {
    for (const session of [...this.sessions]) {
      const account = await this.accounts.findActiveById(session.officerId).catch(() => undefined);
      if (account === undefined) continue;
      if (account === null) this.end(session, ACCOUNT_DISABLED);
      else if (!sameRoles(account.roles, session.roles)) this.end(session, ROLES_CHANGED);
    }
  }
}

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}
