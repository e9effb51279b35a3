import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '../auth/auth.decorators.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { NodeInfoObject } from './dto/node-info.object.js';
import { NODE_SOFTWARE_VERSION } from './node-version.js';

@Resolver(() => NodeInfoObject)
export class NodeInfoResolver {
  constructor(@Inject(NODE_CONFIG) private readonly config: NodeConfig) {}

  @Query(() => NodeInfoObject)
  @Public()
  nodeInfo(): NodeInfoObject {
    return { id: this.config.id, name: this.config.name, country: this.config.country, version: NODE_SOFTWARE_VERSION };
  }
}
