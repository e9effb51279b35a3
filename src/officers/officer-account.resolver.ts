import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../auth/authenticated-officer.js';
import { ALL_ROLES, Role } from '../auth/role.enum.js';
import { OfficerAccountObject } from './dto/officer-account.object.js';
import { OfficerAccountException, OfficerAccountExceptionCode } from './officer-account.exception.js';
import { OfficerAccountService } from './officer-account.service.js';

@Resolver(() => OfficerAccountObject)
export class OfficerAccountResolver {
  constructor(private readonly accounts: OfficerAccountService) {}

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
    @Args('roles', { type: () => [Role] }) roles: Role[],
    @CurrentOfficer() admin: AuthenticatedOfficer,
  ): Promise<OfficerAccountObject> {
    return OfficerAccountObject.of(await this.accounts.create({ username, password, roles }, admin.username));
  }

  @Mutation(() => OfficerAccountObject)
  @Roles(Role.ADMIN)
  async disableUser(@Args('username') username: string, @CurrentOfficer() admin: AuthenticatedOfficer): Promise<OfficerAccountObject> {
    return OfficerAccountObject.of(await this.accounts.disable(username, admin));
  }
}
