import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { CLOCK, systemClock, type Clock } from '../common/clock.js';
import type { NodeConfig } from './node-config.schema.js';

export const NODE_CONFIG = Symbol('NODE_CONFIG');
export const LOGGER = Symbol('LOGGER');

/** Makes the validated node configuration, the root logger and the clock injectable everywhere. */
@Global()
@Module({})
export class NodeConfigModule {
  static forRoot(config: NodeConfig, logger: Logger, clock: Clock = systemClock): DynamicModule {
    return {
      module: NodeConfigModule,
      providers: [
        { provide: NODE_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [NODE_CONFIG, LOGGER, CLOCK],
    };
  }
}
