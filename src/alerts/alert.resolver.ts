import { Args, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { Role } from '../kernel/vocabulary/role.js';
import { AlertFeedService } from './alert-feed.service.js';
import { AlertStatus } from './alert-kind.js';
import { AlertService } from './alert.service.js';
import { AlertObject } from './dto/alert.object.js';

@Resolver(() => AlertObject)
export class AlertResolver {
  constructor(
    private readonly service: AlertService,
    private readonly feed: AlertFeedService,
  ) {}

  @Query(() => [AlertObject], { description: 'Alerts, newest first; all of them unless a status is given.' })
  @Roles(Role.ANALYST, Role.COMPLIANCE_OFFICER)
  async alerts(
    @Args('status', { type: () => AlertStatus, nullable: true }) status: AlertStatus | undefined,
    @Args('first', { type: () => Int, defaultValue: 200 }) first: number,
  ): Promise<AlertObject[]> {
    return (await this.service.list(status ?? undefined, first)).map((row) => AlertObject.of(row));
  }

  @Mutation(() => AlertObject)
  @Roles(Role.ANALYST, Role.COMPLIANCE_OFFICER)
  async acknowledgeAlert(
    @Args('id', { type: () => ID }) id: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<AlertObject> {
    return AlertObject.of(await this.service.acknowledge(id, officer.username));
  }

  @Subscription(() => AlertObject, {
    description: 'Alerts as they are raised on any replica of this node (graphql-ws over /graphql).',
    resolve: (payload: AlertObject) => payload,
  })
  @Roles(Role.ANALYST, Role.COMPLIANCE_OFFICER)
  alertRaised(): AsyncIterableIterator<AlertObject> {
    return mapIterator(this.feed.subscribe(), (row) => AlertObject.of(row));
  }
}

/** Maps an async iterator, passing `return` through so that unsubscribing frees the feed's queue. */
function mapIterator<T, U>(source: AsyncIterableIterator<T>, map: (value: T) => U): AsyncIterableIterator<U> {
  const mapped: AsyncIterableIterator<U> = {
    next: async () => {
      const result = await source.next();
      return result.done ? { value: undefined, done: true } : { value: map(result.value), done: false };
    },
    return: async () => {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => mapped,
  };
  return mapped;
}
