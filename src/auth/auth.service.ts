import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { OfficerAccountService } from '../officers/officer-account.service.js';
import { normalizeUsername } from '../officers/officer-account.rules.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import type { AuthenticatedOfficer } from './authenticated-officer.js';
import { LoginOutcome } from './entities/login-attempt.entity.js';
import { LoginAttemptRepository } from './login-attempt.repository.js';
import { PasswordHasher } from './password-hasher.js';
import { TokenService } from './token.service.js';

const BAD_CREDENTIALS = 'Unknown username or wrong password';

@Injectable()
export class AuthService {
  constructor(
    private readonly accounts: OfficerAccountService,
    private readonly attempts: LoginAttemptRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async login(rawUsername: string, password: string, clientAddress: string): Promise<{ token: string; expiresAt: Date }> {
    const username = normalizeUsername(rawUsername).slice(0, 128);
    await this.refuseIfRateLimited(username, clientAddress);

    const account = await this.accounts.findByUsername(username);
    const passwordOk = account ? await this.hasher.verify(account.passwordHash, password) : await this.hasher.verifyAgainstNothing(password);
    if (!account || !passwordOk) {
      await this.attempts.record(username, clientAddress, LoginOutcome.BAD_CREDENTIALS);
      await this.auditLogin(AuditEventType.LOGIN_FAILED, username, account?.id ?? null, clientAddress, 'BAD_CREDENTIALS');
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
    const id = await this.tokens.verify(token);
    const account = await this.accounts.findActiveById(id);
    if (!account) throw new AuthException('The account behind this token is disabled or gone', AuthExceptionCode.ACCOUNT_DISABLED);
    return { id: account.id, username: account.username, roles: account.roles };
  }

  /** Outside any transaction: a failed login changes nothing else, and must be on record anyway. */
  private async auditLogin(type: AuditEventType, username: string, accountId: string | null, clientAddress: string, reason?: string): Promise<void> {
    await this.audit.record({ type, actor: username, subjectType: 'OFFICER_ACCOUNT', subjectId: accountId, details: { clientAddress, reason } });
  }

  private async refuseIfRateLimited(username: string, clientAddress: string): Promise<void> {
    const { loginLimitPerUser: perUser, loginLimitPerAddress: perAddress } = this.config.auth;
    const checks = [
      { limit: perUser, failures: await this.attempts.failuresForUser(username, perUser.windowSeconds), what: 'this account' },
      { limit: perAddress, failures: await this.attempts.failuresFromAddress(clientAddress, perAddress.windowSeconds), what: 'this address' },
    ];
    for (const { limit, failures, what } of checks) {
      if (failures.count < limit.maxFailures) continue;
      const oldest = failures.oldest ? new Date(failures.oldest).getTime() : Date.now();
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest + limit.windowSeconds * 1000 - Date.now()) / 1000));
      await this.attempts.record(username, clientAddress, LoginOutcome.RATE_LIMITED);
      await this.auditLogin(AuditEventType.LOGIN_FAILED, username, null, clientAddress, 'RATE_LIMITED');
      this.logger.warn({ event: 'login.rate_limited', username, clientAddress }, `login refused: too many failures for ${what}`);
      throw new AuthException(
        `Too many failed logins for ${what}; try again in ${retryAfterSeconds} s`,
        AuthExceptionCode.RATE_LIMITED,
        retryAfterSeconds,
      );
    }
  }
}
