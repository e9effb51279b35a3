import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('NodeInfo', { description: 'Who this node is; public so that partners and operators can check it.' })
export class NodeInfoObject {
  @Field()
  id!: string;

  @Field()
  name!: string;

  @Field()
  country!: string;

  @Field({ description: 'Software version of the node.' })
  version!: string;
}
