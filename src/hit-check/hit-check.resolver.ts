import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../common/auth/auth.decorators.js';
import { Role } from '../kernel/vocabulary/role.js';
import { IdentifierInput } from '../screening/dto/screening.types.js';
import { HitCheckClientService } from './hit-check-client.service.js';
import { HitCheckException, HitCheckExceptionCode } from './hit-check.exception.js';
import { HitCheckServingService } from './hit-check-serving.service.js';
import { HitCheckReferenceObject, HitCheckResultObject } from './dto/hit-check.types.js';

@Resolver(() => HitCheckResultObject)
export class HitCheckResolver {
  constructor(
    private readonly client: HitCheckClientService,
    private readonly serving: HitCheckServingService,
  ) {}

  @Query(() => [HitCheckResultObject], {
    description:
      "Blinded hit/no-hit against a partner's watchlist: the partner never sees the identifiers; a hit gives only a reference. Counts against our hourly budget there.",
  })
  @Roles(Role.ANALYST)
  async partnerHitCheck(
    @Args('partnerId') partnerId: string,
    @Args('identifiers', { type: () => [IdentifierInput] }) identifiers: IdentifierInput[],
  ): Promise<HitCheckResultObject[]> {
    const answers = await this.client.check(partnerId, identifiers);
    return answers.map((answer) => Object.assign(new HitCheckResultObject(), answer));
  }

  @Query(() => HitCheckReferenceObject, {
    description: 'Which of our watchlist entries a reference a partner quotes stands for.',
  })
  @Roles(Role.ANALYST)
  async hitCheckReference(@Args('reference') reference: string): Promise<HitCheckReferenceObject> {
    const found = await this.serving.resolveReference(reference);
    if (!found) throw new HitCheckException('no such hit-check reference', HitCheckExceptionCode.REFERENCE_NOT_FOUND);
    return Object.assign(new HitCheckReferenceObject(), found);
  }
}
