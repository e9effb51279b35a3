import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, QueryFailedError, Repository } from 'typeorm';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { Role } from '../auth/role.enum.js';
import { OfficerAccount } from './entities/officer-account.entity.js';
import { OfficerAccountException, OfficerAccountExceptionCode } from './officer-account.exception.js';
import { checkPassword, checkRoles, checkUsername, normalizeUsername } from './officer-account.rules.js';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class OfficerAccountService {
  constructor(
    @InjectRepository(OfficerAccount) private readonly accounts: Repository<OfficerAccount>,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async create(input: { username: string; password: string; roles: readonly string[] }, createdBy: string | null): Promise<OfficerAccount> {
    const username = checkUsername(input.username);
    checkPassword(input.password);
    const roles = checkRoles(input.roles);
    const passwordHash = await this.hasher.hash(input.password);
    try {
      return await this.accounts.manager.transaction(async (manager) => {
        const saved = await manager.getRepository(OfficerAccount).save(manager.getRepository(OfficerAccount).create({ username, roles, passwordHash, createdBy, disabledAt: null }));
        await this.audit.record(
          { type: AuditEventType.USER_CREATED, actor: createdBy, subjectType: 'OFFICER_ACCOUNT', subjectId: saved.id, details: { username, roles } },
          manager,
        );
        return saved;
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new OfficerAccountException(`an account named "${username}" already exists`, OfficerAccountExceptionCode.USERNAME_TAKEN);
      }
      throw error;
    }
  }

  async disable(username: string, by: { id: string; username: string }): Promise<OfficerAccount> {
    const account = await this.findByUsername(username);
    if (!account) {
      throw new OfficerAccountException(`no account named "${normalizeUsername(username)}"`, OfficerAccountExceptionCode.ACCOUNT_NOT_FOUND);
    }
    if (account.id === by.id) {
      throw new OfficerAccountException('an administrator cannot disable their own account', OfficerAccountExceptionCode.CANNOT_DISABLE_SELF);
    }
    if (!account.disabledAt) {
      account.disabledAt = new Date();
      await this.accounts.manager.transaction(async (manager) => {
        await manager.getRepository(OfficerAccount).save(account);
        await this.audit.record(
          { type: AuditEventType.USER_DISABLED, actor: by.username, subjectType: 'OFFICER_ACCOUNT', subjectId: account.id, details: { username: account.username } },
          manager,
        );
      });
    }
    return account;
  }

  findByUsername(username: string): Promise<OfficerAccount | null> {
    return this.accounts.findOneBy({ username: normalizeUsername(username) });
  }

  findActiveById(id: string): Promise<OfficerAccount | null> {
    return this.accounts.findOneBy({ id, disabledAt: IsNull() });
  }

  list(): Promise<OfficerAccount[]> {
    return this.accounts.find({ order: { username: 'ASC' } });
  }

  hasRole(account: OfficerAccount, role: Role): boolean {
    return account.roles.includes(role);
  }
}
