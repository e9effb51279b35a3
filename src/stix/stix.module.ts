import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { WatchlistModule } from '../watchlist/watchlist.module.js';
import { StixImportService } from './stix-import.service.js';
import { StixSchemas } from './stix-schemas.js';
import { StixSchemaController } from './stix-schema.controller.js';
import { StixResolver } from './stix.resolver.js';
import { StixService } from './stix.service.js';

/** STIX 2.1 export and import of cases and the watchlist. */
@Module({
  imports: [CasesModule, PolicyModule, WatchlistModule],
  controllers: [StixSchemaController],
  // The vendored OASIS schemas, loaded once (compiled on first use).
  providers: [
    StixService,
    StixImportService,
    StixResolver,
    { provide: StixSchemas, useFactory: () => new StixSchemas() },
  ],
  exports: [StixService, StixSchemas, StixImportService],
})
export class StixModule {}
