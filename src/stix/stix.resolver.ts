import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { Role } from '../kernel/vocabulary/role.js';
import { JsonScalar } from '../common/graphql/json.scalar.js';
import type { JsonObject } from '../kernel/crypto/canonical-json.js';
import { SharePurposeEnum } from '../policy/dto/partner-policy.types.js';
import type { Purpose } from '../policy/sharing-policy.js';
import { StixImportDefaultsInput, StixImportResultObject } from './dto/stix-import.types.js';
import { StixImportService } from './stix-import.service.js';
import { StixService } from './stix.service.js';

@Resolver()
export class StixResolver {
  constructor(
    private readonly stix: StixService,
    private readonly importer: StixImportService,
  ) {}

  @Query(() => JsonScalar, {
    description:
      'The case as a STIX 2.1 bundle, redacted by the outbound policy for the partner exactly as a packet would be ' +
      '(purpose INTELLIGENCE_PICTURE unless told). Liaison officers only: it is a release of case data.',
  })
  @Roles(Role.LIAISON_OFFICER)
  exportCaseStix(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('partnerId') partnerId: string,
    @Args('purpose', { type: () => SharePurposeEnum, nullable: true }) purpose: Purpose | undefined,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<JsonObject> {
    return this.stix.exportCase(caseId, partnerId, purpose ?? undefined, officer);
  }

  @Query(() => JsonScalar, {
    description:
      "Watchlist entries as a STIX 2.1 bundle: with partnerId, exactly what that partner's watchlist feed carries " +
      '(revocations as revoked indicators); without, our live watchlist. At most `first` entries (default 1000, max 10000).',
  })
  @Roles(Role.ANALYST, Role.LIAISON_OFFICER)
  exportWatchlistStix(
    @Args('partnerId', { type: () => String, nullable: true }) partnerId: string | undefined,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 1000 }) first: number,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<JsonObject> {
    return this.stix.exportWatchlist(partnerId ?? undefined, first ?? 1000, officer);
  }

  @Mutation(() => StixImportResultObject, {
    description:
      'Indicators of a STIX 2.1 bundle that name one identifier of a known type become watchlist entries of this node ' +
      '(or, with caseId, identifiers of that case), all in one transaction. An invalid bundle is refused whole, naming ' +
      'the JSON pointer at fault; unknown types, invalid values and duplicates are refused one by one with the reason.',
  })
  @Roles(Role.ANALYST)
  importStix(
    @Args('bundle', { type: () => JsonScalar }) bundle: unknown,
    @Args('caseId', { type: () => ID, nullable: true }) caseId: string | undefined,
    @Args('defaults', { type: () => StixImportDefaultsInput, nullable: true })
    defaults: StixImportDefaultsInput | undefined,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<StixImportResultObject> {
    return this.importer.import(bundle, caseId ?? undefined, defaults ?? {}, officer);
  }
}
