import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { Role } from '../kernel/vocabulary/role.js';
import { CLOCK, type Clock } from '../common/clock.js';
import {
  WatchlistEntryInput,
  WatchlistEntryObject,
  WatchlistFilterInput,
  WatchlistPageObject,
} from './dto/watchlist.types.js';
import { WatchlistService } from './watchlist.service.js';

@Resolver(() => WatchlistEntryObject)
export class WatchlistResolver {
  constructor(
    private readonly entries: WatchlistService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Mutation(() => WatchlistEntryObject, {
    description: 'A new entry of this node, signed by it and offered to partners as their policies allow.',
  })
  @Roles(Role.ANALYST)
  async addWatchlistEntry(
    @Args('input') input: WatchlistEntryInput,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<WatchlistEntryObject> {
    return WatchlistEntryObject.of(await this.entries.add(input, officer), this.clock.now());
  }

  @Mutation(() => WatchlistEntryObject, {
    description: 'The next version of one of our entries; only the origin node may change an entry.',
  })
  @Roles(Role.ANALYST)
  async updateWatchlistEntry(
    @Args('entryId', { type: () => ID }) entryId: string,
    @Args('input') input: WatchlistEntryInput,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<WatchlistEntryObject> {
    return WatchlistEntryObject.of(await this.entries.update(entryId, input, officer), this.clock.now());
  }

  @Mutation(() => WatchlistEntryObject, {
    description: 'Revokes one of our entries: a signed tombstone that partners receive too. Final.',
  })
  @Roles(Role.ANALYST)
  async revokeWatchlistEntry(
    @Args('entryId', { type: () => ID }) entryId: string,
    @Args('reason') reason: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<WatchlistEntryObject> {
    return WatchlistEntryObject.of(await this.entries.revoke(entryId, reason, officer), this.clock.now());
  }

  @Query(() => WatchlistPageObject, {
    description: "Our and our partners' entries in change order; revoked and expired ones only when asked.",
  })
  @Roles(Role.ANALYST, Role.COMPLIANCE_OFFICER)
  async watchlist(
    @Args('filter', { type: () => WatchlistFilterInput, nullable: true }) filter: WatchlistFilterInput | undefined,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
  ): Promise<WatchlistPageObject> {
    const page = await this.entries.list(filter ?? {}, first ?? 100, after ?? null);
    const now = this.clock.now();
    return Object.assign(new WatchlistPageObject(), {
      entries: page.entries.map((row) => WatchlistEntryObject.of(row, now)),
      endCursor: page.endCursor,
      hasMore: page.hasMore,
    });
  }
}
