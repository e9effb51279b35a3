import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../../auth/role.enum.js';
import type { OfficerAccount } from '../entities/officer-account.entity.js';

@ObjectType('OfficerAccount', { description: 'A person who works on this node.' })
export class OfficerAccountObject {
  @Field(() => ID)
  id!: string;

  @Field()
  username!: string;

  @Field(() => [Role])
  roles!: Role[];

  @Field()
  disabled!: boolean;

  @Field()
  createdAt!: Date;

  static of(account: OfficerAccount): OfficerAccountObject {
    return Object.assign(new OfficerAccountObject(), {
      id: account.id,
      username: account.username,
      roles: account.roles,
      disabled: account.disabledAt !== null,
      createdAt: account.createdAt,
    });
  }
}
