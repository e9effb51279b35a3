import { Module } from '@nestjs/common';
import { NodeInfoResolver } from './node-info.resolver.js';
import { NodeInfoService } from './node-info.service.js';

@Module({ providers: [NodeInfoResolver, NodeInfoService], exports: [NodeInfoService] })
export class NodeInfoModule {}
