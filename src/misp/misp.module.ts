import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { SharingModule } from '../sharing/sharing.module.js';
import { StixModule } from '../stix/stix.module.js';
import { TaxiiModule } from '../taxii/taxii.module.js';
import { MispFeedController } from './misp-feed.controller.js';
import { MispResolver } from './misp.resolver.js';
import { MispService } from './misp.service.js';

/** MISP's core format: case export, a per-partner feed on the TAXII listener, event import. */
@Module({
  imports: [CasesModule, PolicyModule, SharingModule, StixModule, TaxiiModule],
  controllers: [MispFeedController],
  providers: [MispService, MispResolver],
})
export class MispModule {}
