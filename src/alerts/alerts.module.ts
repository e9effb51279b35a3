import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertFeedService } from './alert-feed.service.js';
import { AlertResolver } from './alert.resolver.js';
import { AlertService } from './alert.service.js';
import { Alert } from './entities/alert.entity.js';

/** Correlation alerts: raised by the modules that store partner data, delivered live over graphql-ws. */
@Module({
  imports: [TypeOrmModule.forFeature([Alert])],
  providers: [AlertService, AlertFeedService, AlertResolver],
  exports: [AlertService],
})
export class AlertsModule {}
