import { Module } from '@nestjs/common';
import { AlertFeedService } from './alert-feed.service.js';
import { AlertResolver } from './alert.resolver.js';
import { AlertService } from './alert.service.js';

/** Correlation alerts: raised by the modules that store partner data, delivered live over graphql-ws. */
@Module({
  providers: [AlertService, AlertFeedService, AlertResolver],
  exports: [AlertService],
})
export class AlertsModule {}
