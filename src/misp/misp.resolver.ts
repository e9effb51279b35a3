import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { Role } from '../kernel/vocabulary/role.js';
import { JsonScalar } from '../common/graphql/json.scalar.js';
import type { JsonObject } from '../kernel/crypto/canonical-json.js';
import { SharePurposeEnum } from '../policy/dto/partner-policy.types.js';
import type { Purpose } from '../policy/sharing-policy.js';
import { StixImportDefaultsInput, StixImportResultObject } from '../stix/dto/stix-import.types.js';
import { MispService } from './misp.service.js';

@Resolver()
export class MispResolver {
  constructor(private readonly misp: MispService) {}

  @Query(() => JsonScalar, {
    description:
      'The case as a MISP event (core format), redacted by the outbound policy for the partner exactly as a packet would be ' +
      '(purpose INTELLIGENCE_PICTURE unless told). Liaison officers only: it is a release of case data.',
  })
  @Roles(Role.LIAISON_OFFICER)
  async exportCaseMisp(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('partnerId') partnerId: string,
    @Args('purpose', { type: () => SharePurposeEnum, nullable: true }) purpose: Purpose | undefined,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<JsonObject> {
    return (await this.misp.exportCase(caseId, partnerId, purpose ?? undefined, officer)) as unknown as JsonObject;
  }

  @Mutation(() => StixImportResultObject, {
    description:
      "A MISP event's actionable attributes (to_ids) that name an identifier of a known type, standalone or in objects " +
      '(a coin-address), become watchlist entries of this node (or, with caseId, identifiers of that case), by the rules of ' +
      'importStix: one transaction, the rest refused one by one with the reason. objectId is the attribute uuid.',
  })
  @Roles(Role.ANALYST)
  importMisp(
    @Args('event', { type: () => JsonScalar }) event: unknown,
    @Args('caseId', { type: () => ID, nullable: true }) caseId: string | undefined,
    @Args('defaults', { type: () => StixImportDefaultsInput, nullable: true })
    defaults: StixImportDefaultsInput | undefined,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<StixImportResultObject> {
    return this.misp.importEvent(event, caseId ?? undefined, defaults ?? {}, officer);
  }
}
