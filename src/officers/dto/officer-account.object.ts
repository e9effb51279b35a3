import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../../kernel/vocabulary/role.js';
import type { OfficerAccount } from '../entities/officer-account.entity.js';
import { RoleEnum } from '../../common/graphql/vocabulary.enums.js';

@ObjectType('OfficerAccount', { description: 'A person who works on this node.' })
export class OfficerAccountObject {
  @Field(() => ID)
  id!: string;

  @Field()
  username!: string;

  @Field(() => [RoleEnum])
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
