import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/auth.decorators.js';
import { Role } from '../auth/role.enum.js';
import { AuditEntryObject, AuditLogFilterInput, AuditLogPageObject } from './dto/audit-log.types.js';
import { AuditLogService } from './audit-log.service.js';

@Resolver(() => AuditEntryObject)
export class AuditLogResolver {
  constructor(private readonly trail: AuditLogService) {}

  @Query(() => AuditLogPageObject, { description: 'The tamper-evident audit trail, newest first; for auditors only.' })
  @Roles(Role.AUDITOR)
  async auditLog(
    @Args('filter', { type: () => AuditLogFilterInput, nullable: true }) filter: AuditLogFilterInput | undefined,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
  ): Promise<AuditLogPageObject> {
    const page = await this.trail.page(filter ?? {}, first ?? 100, after ?? null);
    return Object.assign(new AuditLogPageObject(), { entries: page.entries.map((row) => AuditEntryObject.of(row)), endCursor: page.endCursor, hasMore: page.hasMore });
  }
}
