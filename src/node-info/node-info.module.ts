import { Module } from '@nestjs/common';
import { NodeInfoResolver } from './node-info.resolver.js';

@Module({ providers: [NodeInfoResolver] })
export class NodeInfoModule {}
