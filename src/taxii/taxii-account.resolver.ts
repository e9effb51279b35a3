import { Args, Field, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { Role } from '../kernel/vocabulary/role.js';
import { registerEnumType } from '@nestjs/graphql';
import type { TaxiiAccount, TaxiiAccountKind } from './entities/taxii-account.entity.js';
import { TaxiiAccountService } from './taxii-account.service.js';
import { TaxiiCollectionService } from './taxii-collection.service.js';

const KINDS: Record<TaxiiAccountKind, TaxiiAccountKind> = { PARTNER: 'PARTNER', PUBLISHER: 'PUBLISHER' };
registerEnumType(KINDS, {
  name: 'TaxiiAccountKind',
  description:
    "PARTNER reads that partner's collection; PUBLISHER is one of the agency's own tools writing into the inbox.",
});

@ObjectType('TaxiiCredentials', {
  description: 'HTTP Basic credentials for the TAXII listener (/taxii2/); the password is shown only now.',
})
class TaxiiCredentialsObject {
  @Field()
  username!: string;

  @Field()
  password!: string;

  @Field({ description: "The id of the account's collection (a partner's feed, or the inbox)." })
  collectionId!: string;
}

@ObjectType('TaxiiAccount')
class TaxiiAccountObject {
  @Field()
  username!: string;

  @Field(() => KINDS)
  kind!: TaxiiAccountKind;

  @Field(() => String, { nullable: true, description: 'The partner, for a PARTNER account.' })
  partnerId!: string | null;

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

  @Mutation(() => TaxiiCredentialsObject, {
    description: "Creates a partner's TAXII account or replaces its secret (the old one stops working at once).",
  })
  @Roles(Role.ADMIN)
  async issueTaxiiAccount(
    @Args('partnerId') partnerId: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<TaxiiCredentialsObject> {
    const credentials = await this.accounts.issue(partnerId, officer);
    return { ...credentials, collectionId: (await this.collections.partnerCollection(partnerId)).id };
  }

  @Mutation(() => TaxiiCredentialsObject, {
    description:
      "Creates a TAXII account for one of the agency's own tools (its MISP or OpenCTI) to publish into the inbox, " +
      'or replaces its secret. What it publishes becomes watchlist entries under taxii.inboxApproval.',
  })
  @Roles(Role.ADMIN)
  async issueTaxiiPublisherAccount(
    @Args('name') name: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<TaxiiCredentialsObject> {
    const credentials = await this.accounts.issuePublisher(name, officer);
    return { ...credentials, collectionId: (await this.collections.inboxCollection()).id };
  }

  @Mutation(() => Boolean, { description: "Disables a partner's TAXII account; false when it had none." })
  @Roles(Role.ADMIN)
  disableTaxiiAccount(
    @Args('partnerId') partnerId: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<boolean> {
    return this.accounts.disable(partnerId, 'PARTNER', officer);
  }

  @Mutation(() => Boolean, { description: "Disables a tool's publisher account; false when there is none." })
  @Roles(Role.ADMIN)
  disableTaxiiPublisherAccount(
    @Args('name') name: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<boolean> {
    return this.accounts.disable(name, 'PUBLISHER', officer);
  }

  @Query(() => [TaxiiAccountObject])
  @Roles(Role.ADMIN, Role.AUDITOR)
  async taxiiAccounts(): Promise<TaxiiAccountObject[]> {
    const accounts = await this.accounts.list();
    return Promise.all(accounts.map((a) => this.view(a)));
  }

  private async view(account: TaxiiAccount): Promise<TaxiiAccountObject> {
    const [collection] = await this.collections.visibleTo(account);
    return {
      username: account.username,
      kind: account.kind,
      partnerId: account.kind === 'PARTNER' ? account.username : null,
      collectionId: collection.id,
      createdBy: account.createdBy,
      createdAt: account.createdAt,
      disabledAt: account.disabledAt,
    };
  }
}
