import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { InputException } from '../common/errors/input.exception.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { ALL_ROLES, Role, ROLES_OF_NODE_KIND, rolesOutsideNodeKind } from '../kernel/vocabulary/role.js';
import { OfficerAccountObject } from './dto/officer-account.object.js';
import { OfficerAccountException, OfficerAccountExceptionCode } from './officer-account.exception.js';
import { OfficerAccountService } from './officer-account.service.js';
import { RoleEnum } from '../common/graphql/vocabulary.enums.js';

@Resolver(() => OfficerAccountObject)
export class OfficerAccountResolver {
  constructor(
    private readonly accounts: OfficerAccountService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @Query(() => OfficerAccountObject, { description: 'The account of the caller.' })
  @Roles(...ALL_ROLES)
  async me(@CurrentOfficer() officer: AuthenticatedOfficer): Promise<OfficerAccountObject> {
    const account = await this.accounts.findActiveById(officer.id);
    if (!account) throw new OfficerAccountException('account not found', OfficerAccountExceptionCode.ACCOUNT_NOT_FOUND);
    return OfficerAccountObject.of(account);
  }

  @Query(() => [OfficerAccountObject])
  @Roles(Role.ADMIN)
  async users(): Promise<OfficerAccountObject[]> {
    return (await this.accounts.list()).map((account) => OfficerAccountObject.of(account));
  }

  @Mutation(() => OfficerAccountObject)
  @Roles(Role.ADMIN)
  async createUser(
    @Args('username') username: string,
    @Args('password') password: string,
    @Args('roles', { type: () => [RoleEnum] }) roles: Role[],
    @CurrentOfficer() admin: AuthenticatedOfficer,
  ): Promise<OfficerAccountObject> {
    const misplaced = rolesOutsideNodeKind(roles, this.config.kind);
    if (misplaced.length)
      throw new InputException(
        'roles',
        `${misplaced.join(', ')} do not exist on an ${this.config.kind} node (roles here: ${ROLES_OF_NODE_KIND[this.config.kind].join(', ')})`,
      );
    return OfficerAccountObject.of(await this.accounts.create({ username, password, roles }, admin.username));
  }

  @Mutation(() => OfficerAccountObject, {
    description: 'Gives an account exactly these roles (effective at its next request); audited as USER_ROLES_CHANGED.',
  })
  @Roles(Role.ADMIN)
  async setUserRoles(
    @Args('username') username: string,
    @Args('roles', { type: () => [Role] }) roles: Role[],
    @CurrentOfficer() admin: AuthenticatedOfficer,
  ): Promise<OfficerAccountObject> {
    return OfficerAccountObject.of(await this.accounts.setRoles(username, roles, admin));
  }

  @Mutation(() => OfficerAccountObject)
  @Roles(Role.ADMIN)
  async disableUser(
    @Args('username') username: string,
    @CurrentOfficer() admin: AuthenticatedOfficer,
  ): Promise<OfficerAccountObject> {
    return OfficerAccountObject.of(await this.accounts.disable(username, admin));
  }
}
