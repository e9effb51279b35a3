import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '../common/auth/auth.decorators.js';
import { NodeInfoObject } from './dto/node-info.object.js';
import { NodeInfoService } from './node-info.service.js';

@Resolver(() => NodeInfoObject)
export class NodeInfoResolver {
  constructor(private readonly info: NodeInfoService) {}

  @Query(() => NodeInfoObject)
  @Public()
  nodeInfo(): NodeInfoObject {
    return this.info.describe();
  }
}
