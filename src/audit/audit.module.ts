import { Global, Module } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { AuditCheckpointScheduler } from './audit-checkpoint.scheduler.js';
import { AuditLogResolver } from './audit-log.resolver.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditService } from './audit.service.js';

/**
 * The audit trail. Global so that every domain can record its events; it depends on nothing
 * domain-specific (the identity module provides AUDIT_SIGNING_IDENTITY: the key and the anchors).
 */
@Global()
@Module({
  providers: [
    {
      provide: AuditService,
      inject: [TransactionContext, CLOCK, NODE_CONFIG],
      useFactory: (tx: TransactionContext, clock: Clock, config: NodeConfig) =>
        new AuditService(tx, clock, {
          checkpointEveryEntries: config.audit.checkpointEveryEntries,
        }),
    },
    AuditLogService,
    AuditLogResolver,
    AuditCheckpointScheduler,
  ],
  exports: [AuditService],
})
export class AuditModule {}
