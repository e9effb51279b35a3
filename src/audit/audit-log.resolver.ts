import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../common/auth/auth.decorators.js';
import { Role } from '../kernel/vocabulary/role.js';
import {
  AuditEntryObject,
  AuditLogFilterInput,
  AuditLogPageObject,
  AuditVerificationObject,
} from './dto/audit-log.types.js';
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
    return Object.assign(new AuditLogPageObject(), {
      entries: page.entries.map((row) => AuditEntryObject.of(row)),
      endCursor: page.endCursor,
      hasMore: page.hasMore,
    });
  }

  @Query(() => AuditVerificationObject, {
    description:
      'Walks the whole audit chain now (as npm run audit:verify does) and reports the first broken link; for auditors only.',
  })
  @Roles(Role.AUDITOR)
  async verifyAuditChain(): Promise<AuditVerificationObject> {
    const result = await this.trail.verify();
    const seq = (value: number | null) => (value === null || value === 0 ? null : String(value));
    return Object.assign(new AuditVerificationObject(), {
      valid: result.firstBreak === null,
      entries: result.entries,
      checkpoints: result.checkpoints,
      headSeq: seq(result.headSeq),
      lastCheckpointSeq: seq(result.lastCheckpointSeq),
      uncheckpointed: result.uncheckpointed,
      anchoredSeq: seq(result.anchoredSeq),
      firstBreakSeq: result.firstBreak ? String(result.firstBreak.seq) : null,
      problem: result.firstBreak?.problem ?? null,
    });
  }
}
