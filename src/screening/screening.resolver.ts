import { Args, Extensions, Int, Query, Resolver } from '@nestjs/graphql';
import { WORK_ITEMS } from '../common/graphql/work-items.js';
import { Roles } from '../common/auth/auth.decorators.js';
import { ALL_ROLES, Role } from '../kernel/vocabulary/role.js';
import type { IdentifierType } from '../kernel/vocabulary/index.js';
import { IdentifierTypeEnum } from '../common/graphql/vocabulary.enums.js';
import { IdentifierGraphObject } from './dto/identifier-graph.types.js';
import { IdentifierInput, IdentifierValidationObject, ScreeningResultObject } from './dto/screening.types.js';
import { IdentifierGraphService, MAX_GRAPH_NODES } from './identifier-graph.service.js';
import { ScreeningService } from './screening.service.js';

@Resolver()
export class ScreeningResolver {
  constructor(
    private readonly screening: ScreeningService,
    private readonly graphs: IdentifierGraphService,
  ) {}

  @Query(() => IdentifierValidationObject, {
    description: 'Checks and normalises an identifier of any type; an invalid one names the reason.',
  })
  @Roles(...ALL_ROLES)
  validateIdentifier(
    @Args('type', { type: () => IdentifierTypeEnum }) type: IdentifierType,
    @Args('value') value: string,
  ): IdentifierValidationObject {
    const result = this.screening.validate(type, value);
    return result.valid
      ? { valid: true, normalized: result.normalized, reason: null }
      : { valid: false, normalized: null, reason: result.reason };
  }

  @Query(() => [ScreeningResultObject], {
    description:
      'Every hit for each identifier in local cases, the live watchlist and partner data; up to 10,000 per call, results in input order.',
  })
  @Roles(Role.ANALYST, Role.COMPLIANCE_OFFICER)
  screen(
    @Args('identifiers', { type: () => [IdentifierInput] }) identifiers: IdentifierInput[],
  ): Promise<ScreeningResultObject[]> {
    return this.screening.screen(identifiers);
  }

  @Query(() => IdentifierGraphObject, {
    description:
      'Cases, received cases, transactions, counterparties and watchlist entries linked to an identifier, breadth-first up to depth hops (max 4), at most 500 nodes.',
  })
  @Roles(Role.ANALYST)
  @Extensions({ [WORK_ITEMS]: MAX_GRAPH_NODES })
  identifierGraph(
    @Args('type', { type: () => IdentifierTypeEnum }) type: IdentifierType,
    @Args('value') value: string,
    @Args('depth', { type: () => Int, defaultValue: 2 }) depth: number,
  ): Promise<IdentifierGraphObject> {
    return this.graphs.graph(type, value, depth);
  }
}
