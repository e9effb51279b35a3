import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { Role } from '../kernel/vocabulary/role.js';
import { InboxItemStateEnum, TaxiiInboxItemObject } from './dto/taxii-inbox.types.js';
import type { InboxItemState } from './entities/taxii-inbox-item.entity.js';
import { TaxiiInboxReviewService, type InboxItemView } from './taxii-inbox-review.service.js';

function objectOf({ item, publisher, receivedAt }: InboxItemView): TaxiiInboxItemObject {
  const entry = item.entry as NonNullable<typeof item.entry>;
  return {
    id: item.id,
    statusId: item.statusId,
    publisher,
    receivedAt,
    objectId: item.objectId,
    state: item.state,
    message: item.message,
    identifierType: entry.identifierType,
    value: entry.value,
    reason: entry.reason,
    offenceCategory: entry.offenceCategory,
    severity: entry.severity,
    validUntil: String(entry.validUntil),
    entryId: item.entryId,
    decidedBy: item.decidedBy,
    decidedAt: item.decidedAt,
  };
}

@Resolver()
export class TaxiiInboxResolver {
  constructor(private readonly review: TaxiiInboxReviewService) {}

  @Query(() => [TaxiiInboxItemObject], {
    description: "What the agency's tools published into the TAXII inbox that is (or was) to become a watchlist entry.",
  })
  @Roles(Role.LIAISON_OFFICER, Role.ANALYST)
  async taxiiInboxItems(
    @Args('state', { type: () => InboxItemStateEnum, defaultValue: 'PENDING' }) state: InboxItemState,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<TaxiiInboxItemObject[]> {
    return (await this.review.list(state, first)).map(objectOf);
  }

  @Mutation(() => TaxiiInboxItemObject, {
    description: 'Turns a pending inbox item into a watchlist entry of this node, written by the approving officer.',
  })
  @Roles(Role.LIAISON_OFFICER)
  async approveTaxiiInboxItem(
    @Args('id', { type: () => ID }) id: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<TaxiiInboxItemObject> {
    return objectOf(await this.review.approve(id, officer));
  }

  @Mutation(() => TaxiiInboxItemObject, {
    description: "Refuses a pending inbox item; the publisher's TAXII status resource gives the reason.",
  })
  @Roles(Role.LIAISON_OFFICER)
  async rejectTaxiiInboxItem(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<TaxiiInboxItemObject> {
    return objectOf(await this.review.reject(id, reason, officer));
  }
}
