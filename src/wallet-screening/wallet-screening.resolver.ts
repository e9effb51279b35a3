import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { InputException } from '../common/errors/input.exception.js';
import { Role } from '../kernel/vocabulary/role.js';
import {
  HitReportObject,
  IssuedScreeningKeyObject,
  ScreeningSystemObject,
  WalletHitObject,
} from './dto/wallet-screening.types.js';
import { HitReport } from './entities/hit-report.entity.js';
import type { ScreeningSystem } from './entities/screening-system.entity.js';
import { WalletHit } from './entities/wallet-hit.entity.js';
import { ScreeningSystems } from './screening-systems.service.js';

const systemOut = (row: ScreeningSystem): ScreeningSystemObject =>
  Object.assign(new ScreeningSystemObject(), {
    id: row.id,
    description: row.description,
    hasApiKey: row.keySha256 !== null,
    certificateSha256: row.certificateSha256,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
  });

@Resolver()
export class WalletScreeningResolver {
  constructor(
    private readonly tx: TransactionContext,
    private readonly systems: ScreeningSystems,
  ) {}

  @Query(() => [ScreeningSystemObject], { description: "The exchange's systems allowed to screen." })
  @Roles(Role.ADMIN, Role.AUDITOR)
  async screeningSystems(): Promise<ScreeningSystemObject[]> {
    return (await this.systems.list()).map(systemOut);
  }

  @Mutation(() => IssuedScreeningKeyObject, { description: 'A new API key for a system (created if new); shown once.' })
  @Roles(Role.ADMIN)
  async issueScreeningKey(
    @Args('systemId') systemId: string,
    @Args('description', { type: () => String, nullable: true }) description: string | undefined,
    @CurrentOfficer() admin: AuthenticatedOfficer,
  ): Promise<IssuedScreeningKeyObject> {
    const { system, apiKey } = await this.systems.issueKey(systemId, description ?? undefined, admin);
    return Object.assign(new IssuedScreeningKeyObject(), { system: systemOut(system), apiKey });
  }

  @Mutation(() => ScreeningSystemObject, {
    description: "Pins a system's TLS client certificate for the mutual-TLS port.",
  })
  @Roles(Role.ADMIN)
  async registerScreeningCertificate(
    @Args('systemId') systemId: string,
    @Args('certificatePem') certificatePem: string,
    @Args('description', { type: () => String, nullable: true }) description: string | undefined,
    @CurrentOfficer() admin: AuthenticatedOfficer,
  ): Promise<ScreeningSystemObject> {
    return systemOut(await this.systems.registerCertificate(systemId, certificatePem, description ?? undefined, admin));
  }

  @Mutation(() => ScreeningSystemObject)
  @Roles(Role.ADMIN)
  async disableScreeningSystem(
    @Args('systemId') systemId: string,
    @CurrentOfficer() admin: AuthenticatedOfficer,
  ): Promise<ScreeningSystemObject> {
    return systemOut(await this.systems.disable(systemId, admin));
  }

  @Query(() => [WalletHitObject], { description: 'At an exchange: screened wallets that are listed, newest first.' })
  @Roles(Role.COMPLIANCE_OFFICER)
  async walletHits(@Args('first', { type: () => Int, defaultValue: 100 }) first: number): Promise<WalletHitObject[]> {
    const rows = await this.tx.manager
      .getRepository(WalletHit)
      .find({ order: { recordedAt: 'DESC' }, take: Math.min(Math.max(first, 1), 500) });
    return rows.map((row) => Object.assign(new WalletHitObject(), row));
  }

  @Query(() => [HitReportObject], {
    description: "At an agency: exchanges' reports of our listed wallets, newest first.",
  })
  @Roles(Role.ANALYST, Role.LIAISON_OFFICER)
  async hitReports(
    @Args('caseId', { type: () => ID, nullable: true }) caseId: string | undefined,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<HitReportObject[]> {
    if (caseId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(caseId))
      throw new InputException('caseId', 'must be an id (UUID)');
    const query = this.tx.manager
      .getRepository(HitReport)
      .createQueryBuilder('h')
      .orderBy('h.received_at', 'DESC')
      .take(Math.min(Math.max(first, 1), 500));
    if (caseId) query.where(':caseId = ANY(h.case_ids)', { caseId });
    return (await query.getMany()).map((row) => Object.assign(new HitReportObject(), row));
  }
}
