import { Module } from '@nestjs/common';
import { IdentifierGraphService } from './identifier-graph.service.js';
import { IdentifierValidationTextResolver, ScreeningResultTextResolver } from './screening-text.resolver.js';
import { ScreeningResolver } from './screening.resolver.js';
import { ScreeningService } from './screening.service.js';

/** Identifier validation, batch screening and the link graph: read-only views over cases, watchlist and partner data. */
@Module({
  providers: [
    ScreeningService,
    IdentifierGraphService,
    ScreeningResolver,
    IdentifierValidationTextResolver,
    ScreeningResultTextResolver,
  ],
  exports: [ScreeningService],
})
export class ScreeningModule {}
