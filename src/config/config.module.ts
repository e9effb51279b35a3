import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { NodeConfig } from './node-config.schema.js';

export const NODE_CONFIG = Symbol('NODE_CONFIG');
export const LOGGER = Symbol('LOGGER');

/** Makes the validated node configuration and the root logger injectable everywhere. */
@Global()
@Module({})
export class NodeConfigModule {
  static forRoot(config: NodeConfig, logger: Logger): DynamicModule {
    return {
      module: NodeConfigModule,
      providers: [
        { provide: NODE_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [NODE_CONFIG, LOGGER],
    };
  }
}
