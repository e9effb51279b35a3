import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('LoginResult')
export class LoginResultObject {
  @Field({ description: 'Send as "Authorization: Bearer <token>".' })
  token!: string;

  @Field()
  expiresAt!: Date;
}
