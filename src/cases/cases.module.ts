import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { loadStorageKey } from './attachment-storage-key.js';
import { CaseAttachmentController } from './case-attachment.controller.js';
import { CaseAttachmentService } from './case-attachment.service.js';
import { CaseAttachmentStore } from './case-attachment.store.js';
import { CaseResolver } from './case.resolver.js';
import { CaseService } from './case.service.js';

@Module({
  imports: [AlertsModule],
  controllers: [CaseAttachmentController],
  providers: [
    CaseService,
    CaseResolver,
    CaseAttachmentService,
    {
      provide: CaseAttachmentStore,
      // The key is read (or, on a development node, created) on first use, not at startup.
      useFactory: (config: NodeConfig) =>
        new CaseAttachmentStore(path.join(config.dataDir, 'attachments'), () => loadStorageKey(config)),
      inject: [NODE_CONFIG],
    },
  ],
  exports: [CaseService, CaseAttachmentService],
})
export class CasesModule {}
