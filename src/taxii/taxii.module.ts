import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OfficersModule } from '../officers/officers.module.js';
import { WatchlistModule } from '../watchlist/watchlist.module.js';
import { TaxiiAccount } from './entities/taxii-account.entity.js';
import { TaxiiAccountResolver } from './taxii-account.resolver.js';
import { TaxiiAccountService } from './taxii-account.service.js';
import { TaxiiCollectionService } from './taxii-collection.service.js';
import { TaxiiController } from './taxii.controller.js';

/** Read-only TAXII 2.1 server for partners, on the officers' HTTP port under /taxii2/. */
@Module({
  imports: [TypeOrmModule.forFeature([TaxiiAccount]), OfficersModule, WatchlistModule],
  controllers: [TaxiiController],
  providers: [TaxiiAccountService, TaxiiCollectionService, TaxiiAccountResolver],
})
export class TaxiiModule {}
