import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { OfficerAccountService } from '../officers/officer-account.service.js';
import { normalizeUsername } from '../officers/officer-account.rules.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { LoginOutcome } from './entities/login-attempt.entity.js';
import { LoginAttemptRepository } from './login-attempt.repository.js';
import { PasswordHasher } from '../officers/password-hasher.js';
import { OfficerSessions, type SessionCloser } from './officer-sessions.service.js';
import { TokenService } from './token.service.js';

const BAD_CREDENTIALS = 'Unknown username or wrong password';

@Injectable()
export class AuthService implements OnModuleInit, OnModuleDestroy {
  private flushTimer?: NodeJS.Timeout;

  constructor(
    private readonly tx: TransactionContext,
    private readonly accounts: OfficerAccountService,
    private readonly attempts: LoginAttemptRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly sessions: OfficerSessions,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async login(
    rawUsername: string,
    password: string,
    clientAddress: string,
  ): Promise<{ token: string; expiresAt: Date }> {
    const username = normalizeUsername(rawUsername).slice(0, 128);
    await this.refuseIfRateLimited(username, clientAddress);

    const account = await this.accounts.findByUsername(username);
    const passwordOk = account
      ? await this.hasher.verify(account.passwordHash, password)
      : await this.hasher.verifyAgainstNothing(password);
    if (!account || !passwordOk) {
      await this.attempts.record(username, clientAddress, LoginOutcome.BAD_CREDENTIALS);
      await this.auditLogin(
        AuditEventType.LOGIN_FAILED,
        username,
        account?.id ?? null,
        clientAddress,
        'BAD_CREDENTIALS',
      );
      this.logger.warn({ event: 'login.failed', username, clientAddress }, 'login failed');
      throw new AuthException(BAD_CREDENTIALS, AuthExceptionCode.INVALID_CREDENTIALS);
    }
    if (account.disabledAt) {
      await this.attempts.record(username, clientAddress, LoginOutcome.ACCOUNT_DISABLED);
      await this.auditLogin(AuditEventType.LOGIN_FAILED, username, account.id, clientAddress, 'ACCOUNT_DISABLED');
      this.logger.warn({ event: 'login.disabled', username, clientAddress }, 'login refused: account disabled');
      throw new AuthException('This account is disabled', AuthExceptionCode.ACCOUNT_DISABLED);
    }
    await this.attempts.record(username, clientAddress, LoginOutcome.SUCCEEDED);
    await this.auditLogin(AuditEventType.LOGIN_SUCCEEDED, username, account.id, clientAddress);
    this.logger.info({ event: 'login.succeeded', username, clientAddress }, 'login succeeded');
    return this.tokens.issue({ id: account.id, username: account.username, roles: account.roles });
  }

  /** Resolves a bearer token to a live account: a disabled account's tokens stop working at once. */
  async authenticate(token: string): Promise<AuthenticatedOfficer> {
    return (await this.verified(token)).officer;
  }

  /**
   * Authenticates a long-lived connection (a subscription socket) once, and keeps watching it:
   * `close` is called when the token expires or the account is disabled. Call `end` when it closes.
   */
  async openSession(token: string, close: SessionCloser): Promise<{ officer: AuthenticatedOfficer; end(): void }> {
    const { officer, expiresAt } = await this.verified(token);
    return { officer, end: this.sessions.open(officer, expiresAt, close) };
  }

  private async verified(token: string): Promise<{ officer: AuthenticatedOfficer; expiresAt: Date }> {
    const { officerId, expiresAt } = await this.tokens.verify(token);
    const account = await this.accounts.findActiveById(officerId);
    if (!account)
      throw new AuthException('The account behind this token is disabled or gone', AuthExceptionCode.ACCOUNT_DISABLED);
    return { officer: { id: account.id, username: account.username, roles: account.roles }, expiresAt };
  }

  /** Outside any transaction: a failed login changes nothing else, and must be on record anyway. */
  private async auditLogin(
    type: AuditEventType,
    username: string,
    accountId: string | null,
    clientAddress: string,
    reason?: string,
  ): Promise<void> {
    await this.audit.record({
      type,
      actor: username,
      subjectType: 'OFFICER_ACCOUNT',
      subjectId: accountId,
      details: { clientAddress, reason },
    });
  }

  /**
   * Throttles the source of the attempt, never the account as such: too many failures for this
   * username from this address, or from this address at all. A refused attempt is not checked, not
   * recorded as an attempt and not audited one by one: it counts in its source's burst (see flush).
   */
  private async refuseIfRateLimited(username: string, clientAddress: string): Promise<void> {
    const { loginLimitPerUser: perUser, loginLimitPerAddress: perAddress } = this.config.auth;
    const checks = [
      {
        limit: perAddress,
        failures: await this.attempts.failuresFromAddress(clientAddress, perAddress.windowSeconds),
        what: 'this address',
        burstKey: '',
      },
      {
        limit: perUser,
        failures: await this.attempts.failuresForUserFrom(username, clientAddress, perUser.windowSeconds),
        what: 'this account from this address',
        burstKey: username,
      },
    ];
    for (const { limit, failures, what, burstKey } of checks) {
      if (failures.count < limit.maxFailures) continue;
      const oldest = failures.oldest ? new Date(failures.oldest).getTime() : Date.now();
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest + limit.windowSeconds * 1000 - Date.now()) / 1000));
      if (await this.attempts.countRefusal(clientAddress, burstKey)) {
        this.logger.warn(
          { event: 'login.rate_limited', username, clientAddress },
          `login refused: too many failures for ${what}; further refusals are counted, audited once per burst`,
        );
      }
      throw new AuthException(
        `Too many failed logins for ${what}; try again in ${retryAfterSeconds} s`,
        AuthExceptionCode.RATE_LIMITED,
        retryAfterSeconds,
      );
    }
  }

  /**
   * Records each ended burst of refusals as one LOGIN_THROTTLED audit entry (how many, from where,
   * when): the trail grows by one entry per source and burst, however fast an attacker retries.
   */
  async flushThrottledBursts(): Promise<number> {
    const { loginLimitPerUser, loginLimitPerAddress, throttleAuditQuietSeconds } = this.config.auth;
    const window = Math.max(loginLimitPerUser.windowSeconds, loginLimitPerAddress.windowSeconds);
    return this.tx.run(async () => {
      const bursts = await this.attempts.takeEndedBursts(throttleAuditQuietSeconds, window);
      for (const burst of bursts) {
        await this.audit.record({
          type: AuditEventType.LOGIN_THROTTLED,
          actor: burst.username || null,
          subjectType: 'LOGIN_SOURCE',
          subjectId: burst.clientAddress,
          details: {
            clientAddress: burst.clientAddress,
            username: burst.username || undefined,
            throttled: burst.username ? 'ACCOUNT_FROM_ADDRESS' : 'ADDRESS',
            refusals: burst.refusals,
            firstAt: burst.firstAt.toISOString(),
            lastAt: burst.lastAt.toISOString(),
          },
        });
      }
      return bursts.length;
    });
  }

  onModuleInit(): void {
    const everyMs = Math.min(this.config.auth.throttleAuditQuietSeconds, 60) * 1000;
    this.flushTimer = setInterval(() => {
      this.flushThrottledBursts().catch((error: unknown) =>
        this.logger.warn({ event: 'login.throttle_flush_failed', err: error }, 'could not audit refused logins'),
      );
    }, everyMs);
    this.flushTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.flushTimer);
  }
}
