import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JsonScalar } from '../../common/graphql/json.scalar.js';
import type { Delivery } from '../entities/delivery.entity.js';

export enum DeliveryStatusEnum {
  QUEUED = 'QUEUED',
  DELIVERED = 'DELIVERED',
  REJECTED = 'REJECTED',
  DEAD = 'DEAD',
}
registerEnumType(DeliveryStatusEnum, {
  name: 'DeliveryStatus',
  description:
    'QUEUED (waiting or retrying), DELIVERED (signed receipt verified), REJECTED (the partner refused it, with a signed reason), DEAD (deadline passed).',
});

@ObjectType('Delivery', { description: 'The delivery of one sealed packet to one partner.' })
export class DeliveryObject {
  @Field(() => ID, { description: 'The packet id.' })
  id!: string;

  @Field()
  partnerId!: string;

  @Field(() => DeliveryStatusEnum)
  status!: DeliveryStatusEnum;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  nextAttemptAt!: Date | null;

  @Field()
  deadlineAt!: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => JsonScalar, { nullable: true, description: "The partner's signed receipt." })
  receipt!: unknown;

  @Field()
  createdAt!: Date;

  static of(row: Delivery): DeliveryObject {
    return Object.assign(new DeliveryObject(), row, { id: row.packetId, status: row.status as DeliveryStatusEnum });
  }
}
