import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { Role } from '../kernel/vocabulary/role.js';
import { ApiErrorCode, type ClientFacingError } from '../common/errors/api-error-code.js';
import { DeliveryService } from './delivery.service.js';
import { DeliveryObject, DeliveryStatusEnum } from './dto/delivery.object.js';

class DeliveryNotFound extends Error implements ClientFacingError {
  readonly apiCode = ApiErrorCode.NOT_FOUND;
}

@Resolver(() => DeliveryObject)
export class DeliveryResolver {
  constructor(private readonly deliveryService: DeliveryService) {}

  @Query(() => [DeliveryObject], {
    description: 'Outbound deliveries, newest first: attempts, last error, next attempt.',
  })
  @Roles(Role.ADMIN, Role.LIAISON_OFFICER)
  async deliveries(
    @Args('status', { type: () => DeliveryStatusEnum, nullable: true }) status: DeliveryStatusEnum | undefined,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<DeliveryObject[]> {
    return (await this.deliveryService.list(status ?? undefined, first)).map((row) => DeliveryObject.of(row));
  }

  @Mutation(() => DeliveryObject, { description: 'Queues a dead or refused delivery again, with a fresh deadline.' })
  @Roles(Role.ADMIN)
  async retryDelivery(
    @Args('id', { type: () => ID }) id: string,
    @CurrentOfficer() admin: AuthenticatedOfficer,
  ): Promise<DeliveryObject> {
    const row = await this.deliveryService.retry(id, admin.username);
    if (!row) throw new DeliveryNotFound(`No delivery of packet ${id}`);
    return DeliveryObject.of(row);
  }
}
