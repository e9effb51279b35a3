import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { EnvelopeModule } from '../envelope/envelope.module.js';
import { FederationModule } from '../federation/federation.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { HitRecorder } from './hit-recorder.js';
import { HitReportDeliveryListener } from './hit-report-delivery.listener.js';
import { HitReportIntake } from './hit-report.intake.js';
import { ScreeningEndpointServer } from './screening-endpoint.server.js';
import { ScreeningSystems } from './screening-systems.service.js';
import { WalletLookup } from './wallet-lookup.js';
import { WalletScreeningResolver } from './wallet-screening.resolver.js';
import { WalletScreeningService } from './wallet-screening.service.js';

/**
 * Real-time wallet screening for an exchange's own systems (the machine endpoint, its systems and the
 * hits it records), the HIT_REPORT packets an exchange sends where its policy allows, and, at an
 * agency, their intake with an alert on the cases they touch.
 */
@Module({
  imports: [AlertsModule, EnvelopeModule, FederationModule, PolicyModule],
  providers: [
    ScreeningSystems,
    WalletLookup,
    HitRecorder,
    WalletScreeningService,
    ScreeningEndpointServer,
    HitReportDeliveryListener,
    HitReportIntake,
    WalletScreeningResolver,
  ],
  exports: [ScreeningEndpointServer],
})
export class WalletScreeningModule {}
