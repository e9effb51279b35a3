import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { Role } from '../kernel/vocabulary/role.js';
import { CaseService } from './case.service.js';
import { CaseInput } from './dto/case-content.types.js';
import { CaseObject } from './dto/case-content.types.js';

@Resolver(() => CaseObject)
export class CaseResolver {
  constructor(private readonly caseService: CaseService) {}

  @Mutation(() => CaseObject)
  @Roles(Role.ANALYST)
  async createCase(
    @Args('input') input: CaseInput,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<CaseObject> {
    return CaseObject.of(await this.caseService.create(input, officer));
  }

  @Mutation(() => CaseObject, {
    description: 'Replaces the case content (attachments are kept); give expectedRevision to refuse a concurrent edit.',
  })
  @Roles(Role.ANALYST)
  async updateCase(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: CaseInput,
    @Args('expectedRevision', { type: () => Int, nullable: true }) expectedRevision: number | undefined,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<CaseObject> {
    return CaseObject.of(await this.caseService.update(id, input, officer, expectedRevision ?? undefined));
  }

  @Query(() => CaseObject, { name: 'case' })
  @Roles(Role.ANALYST, Role.LIAISON_OFFICER)
  async getCase(@Args('id', { type: () => ID }) id: string): Promise<CaseObject> {
    return CaseObject.of(await this.caseService.get(id));
  }

  @Query(() => [CaseObject])
  @Roles(Role.ANALYST, Role.LIAISON_OFFICER)
  async cases(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<CaseObject[]> {
    return (await this.caseService.list(first, offset)).map((row) => CaseObject.of(row));
  }
}
