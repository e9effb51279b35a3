import { Module } from '@nestjs/common';
import { OfficersModule } from '../officers/officers.module.js';
import { StixModule } from '../stix/stix.module.js';
import { WatchlistModule } from '../watchlist/watchlist.module.js';
import { TaxiiAccountResolver } from './taxii-account.resolver.js';
import { TaxiiAccountService } from './taxii-account.service.js';
import { TaxiiCollectionService } from './taxii-collection.service.js';
import { TaxiiFallbackController } from './taxii-fallback.controller.js';
import { TaxiiInboxReviewService } from './taxii-inbox-review.service.js';
import { TaxiiInboxController } from './taxii-inbox.controller.js';
import { TaxiiInboxResolver } from './taxii-inbox.resolver.js';
import { TaxiiInboxService } from './taxii-inbox.service.js';
import { TaxiiListener } from './taxii-listener.js';
import { TaxiiResponder } from './taxii-responder.js';
import { TaxiiController } from './taxii.controller.js';

/**
 * TAXII 2.1 on its own listener (HTTPS by default): a read-only collection per partner, and an inbox
 * the agency's own MISP or OpenCTI publishes into.
 */
@Module({
  imports: [OfficersModule, WatchlistModule, StixModule],
  // The fallback last: it answers what no other /taxii2/ route took.
  controllers: [TaxiiController, TaxiiInboxController, TaxiiFallbackController],
  providers: [
    TaxiiAccountService,
    TaxiiCollectionService,
    TaxiiInboxService,
    TaxiiInboxReviewService,
    TaxiiResponder,
    TaxiiListener,
    TaxiiAccountResolver,
    TaxiiInboxResolver,
  ],
  exports: [TaxiiAccountService, TaxiiListener],
})
export class TaxiiModule {}
