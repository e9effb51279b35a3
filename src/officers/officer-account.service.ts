import { Injectable } from '@nestjs/common';
import { IsNull, QueryFailedError } from 'typeorm';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { PasswordHasher } from './password-hasher.js';
import { Role } from '../kernel/vocabulary/role.js';
import { OfficerAccount } from './entities/officer-account.entity.js';
import { OfficerAccountException, OfficerAccountExceptionCode } from './officer-account.exception.js';
import { checkPassword, checkRoles, checkUsername, normalizeUsername } from './officer-account.rules.js';
import type { DataSource } from 'typeorm';
import { TransactionContext } from '../common/database/transaction-context.js';
import type { Clock } from '../common/clock.js';
import { standaloneAuditService } from '../audit/audit.service.js';

const UNIQUE_VIOLATION = '23505';

/** What changed about an account that ends its open sessions (subscription sockets). */
export type AccessChange = 'DISABLED' | 'ROLES_CHANGED';

/**
 * NOTIFY channel raised at the commit of a disable or a change of roles, for every process on the
 * database; the payload is `<change> <account id>`.
 */
export const ACCESS_CHANGED_CHANNEL = 'officer_access_changed';

@Injectable()
export class OfficerAccountService {
  private readonly accessListeners: ((accountId: string, change: AccessChange) => void)[] = [];

  constructor(
    private readonly tx: TransactionContext,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  private get accounts() {
    return this.tx.manager.getRepository(OfficerAccount);
  }

  async create(
    input: { username: string; password: string; roles: readonly string[] },
    createdBy: string | null,
  ): Promise<OfficerAccount> {
    const username = checkUsername(input.username);
    checkPassword(input.password);
    const roles = checkRoles(input.roles);
    const passwordHash = await this.hasher.hash(input.password);
    try {
      return await this.tx.run(async () => {
        const manager = this.tx.manager;
        const saved = await manager
          .getRepository(OfficerAccount)
          .save(
            manager
              .getRepository(OfficerAccount)
              .create({ username, roles, passwordHash, createdBy, disabledAt: null }),
          );
        await this.audit.record({
          type: AuditEventType.USER_CREATED,
          actor: createdBy,
          subjectType: 'OFFICER_ACCOUNT',
          subjectId: saved.id,
          details: { username, roles },
        });
        return saved;
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new OfficerAccountException(
          `an account named "${username}" already exists`,
          OfficerAccountExceptionCode.USERNAME_TAKEN,
        );
      }
      throw error;
    }
  }

  async disable(username: string, by: { id: string; username: string }): Promise<OfficerAccount> {
    const account = await this.existing(username);
    if (account.id === by.id) {
      throw new OfficerAccountException(
        'an administrator cannot disable their own account',
        OfficerAccountExceptionCode.CANNOT_DISABLE_SELF,
      );
    }
    if (!account.disabledAt) {
      account.disabledAt = new Date();
      await this.tx.run(async () => {
        const manager = this.tx.manager;
        await manager.getRepository(OfficerAccount).save(account);
        await this.audit.record({
          type: AuditEventType.USER_DISABLED,
          actor: by.username,
          subjectType: 'OFFICER_ACCOUNT',
          subjectId: account.id,
          details: { username: account.username },
        });
        await this.announce(account.id, 'DISABLED');
      });
      this.accessChanged(account.id, 'DISABLED');
    }
    return account;
  }

  /** Called in this process right after an account is disabled or its roles change (others: ACCESS_CHANGED_CHANNEL). */
  onAccessChanged(listener: (accountId: string, change: AccessChange) => void): void {
    this.accessListeners.push(listener);
  }

  /** Inside the change's transaction: every process hears it at commit. */
  private async announce(accountId: string, change: AccessChange): Promise<void> {
    await this.tx.manager.query('SELECT pg_notify($1, $2)', [ACCESS_CHANGED_CHANNEL, `${change} ${accountId}`]);
  }

  /** After the commit: this process's open sessions end now. */
  private accessChanged(accountId: string, change: AccessChange): void {
    for (const listener of this.accessListeners) listener(accountId, change);
  }

  /** Gives an account exactly these roles; an administrator cannot take ADMIN from themselves (no lock-out). */
  async setRoles(
    username: string,
    requested: readonly string[],
    by: { id: string; username: string },
  ): Promise<OfficerAccount> {
    const roles = checkRoles(requested);
    const account = await this.existing(username);
    if (account.id === by.id && !roles.includes(Role.ADMIN)) {
      throw new OfficerAccountException(
        'an administrator cannot remove the ADMIN role from their own account',
        OfficerAccountExceptionCode.CANNOT_DEMOTE_SELF,
      );
    }
    const previousRoles = account.roles;
    if (previousRoles.length === roles.length && roles.every((role) => previousRoles.includes(role))) return account;
    account.roles = roles;
    await this.tx.run(async () => {
      await this.accounts.save(account);
      await this.audit.record({
        type: AuditEventType.USER_ROLES_CHANGED,
        actor: by.username,
        subjectType: 'OFFICER_ACCOUNT',
        subjectId: account.id,
        details: { username: account.username, roles, previousRoles },
      });
      await this.announce(account.id, 'ROLES_CHANGED');
    });
    this.accessChanged(account.id, 'ROLES_CHANGED');
    return account;
  }

  private async existing(username: string): Promise<OfficerAccount> {
    const account = await this.findByUsername(username);
    if (!account) {
      throw new OfficerAccountException(
        `no account named "${normalizeUsername(username)}"`,
        OfficerAccountExceptionCode.ACCOUNT_NOT_FOUND,
      );
    }
    return account;
  }

  findByUsername(username: string): Promise<OfficerAccount | null> {
    return this.accounts.findOneBy({ username: normalizeUsername(username) });
  }

  findActiveById(id: string): Promise<OfficerAccount | null> {
    return this.accounts.findOneBy({ id, disabledAt: IsNull() });
  }

  /** How many accounts exist, disabled ones included (none: the node says how to create the first). */
  count(): Promise<number> {
    return this.accounts.count();
  }

  list(): Promise<OfficerAccount[]> {
    return this.accounts.find({ order: { username: 'ASC' } });
  }

  hasRole(account: OfficerAccount, role: Role): boolean {
    return account.roles.includes(role);
  }
}

/** For tools outside the node (the user CLI, the federation launcher, test and bench set-up). */
export function standaloneOfficerAccounts(db: DataSource, clock?: Clock): OfficerAccountService {
  return new OfficerAccountService(TransactionContext.of(db), new PasswordHasher(), standaloneAuditService(db, clock));
}
