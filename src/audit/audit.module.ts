import { Global, Module } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { AuditCheckpointScheduler } from './audit-checkpoint.scheduler.js';
import { AuditLogResolver } from './audit-log.resolver.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditService } from './audit.service.js';
import { AuditEntry } from './entities/audit-entry.entity.js';

/**
 * The audit trail. Global so that every domain can record its events; it depends on nothing
 * domain-specific (the identity module is global too and only lends the signing key).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry])],
  providers: [
    {
      provide: AuditService,
      inject: [getDataSourceToken(), CLOCK, NODE_CONFIG],
      useFactory: (db: DataSource, clock: Clock, config: NodeConfig) => new AuditService(db, clock, { checkpointEveryEntries: config.audit.checkpointEveryEntries }),
    },
    AuditLogService,
    AuditLogResolver,
    AuditCheckpointScheduler,
  ],
  exports: [AuditService],
})
export class AuditModule {}
