import { Args, Field, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../auth/authenticated-officer.js';
import { Role } from '../auth/role.enum.js';
import { TaxiiAccountService } from './taxii-account.service.js';
import { TaxiiCollectionService } from './taxii-collection.service.js';

@ObjectType('TaxiiCredentials', { description: 'HTTP Basic credentials of a partner for /taxii2/; the password is shown only now.' })
class TaxiiCredentialsObject {
  @Field()
  username!: string;

  @Field()
  password!: string;

  @Field({ description: "The id of the partner's collection." })
  collectionId!: string;
}

@ObjectType('TaxiiAccount')
class TaxiiAccountObject {
  @Field()
  partnerId!: string;

  @Field()
  collectionId!: string;

  @Field()
  createdBy!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  disabledAt!: Date | null;
}

@Resolver()
export class TaxiiAccountResolver {
  constructor(
    private readonly accounts: TaxiiAccountService,
    private readonly collections: TaxiiCollectionService,
  ) {}

  @Mutation(() => TaxiiCredentialsObject, { description: "Creates a partner's TAXII account or replaces its secret (the old one stops working at once)." })
  @Roles(Role.ADMIN)
  async issueTaxiiAccount(@Args('partnerId') partnerId: string, @CurrentOfficer() officer: AuthenticatedOfficer): Promise<TaxiiCredentialsObject> {
    const credentials = await this.accounts.issue(partnerId, officer);
    return { ...credentials, collectionId: this.collections.collectionId(partnerId) };
  }

  @Mutation(() => Boolean, { description: "Disables a partner's TAXII account; false when it had none." })
  @Roles(Role.ADMIN)
  disableTaxiiAccount(@Args('partnerId') partnerId: string, @CurrentOfficer() officer: AuthenticatedOfficer): Promise<boolean> {
    return this.accounts.disable(partnerId, officer);
  }

  @Query(() => [TaxiiAccountObject])
  @Roles(Role.ADMIN, Role.AUDITOR)
  async taxiiAccounts(): Promise<TaxiiAccountObject[]> {
    return (await this.accounts.list()).map((a) => ({ partnerId: a.partnerId, collectionId: this.collections.collectionId(a.partnerId), createdBy: a.createdBy, createdAt: a.createdAt, disabledAt: a.disabledAt }));
  }
}
