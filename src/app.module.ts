import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TransactionModule } from './common/database/transaction.module.js';
import type { Logger } from 'pino';
import type { Clock } from './common/clock.js';
import { IdentityModule } from './identity/identity.module.js';
import type { NodeIdentity } from './identity/node-identity.loader.js';
import { AuthModule } from './auth/auth.module.js';
import { AuthService } from './auth/auth.service.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { CasesModule } from './cases/cases.module.js';
import { ComplianceModule } from './compliance/compliance.module.js';
import { ConsoleModule } from './console/console.module.js';
import { NodeConfigModule } from './config/config.module.js';
import type { NodeConfig } from './config/node-config.schema.js';
import { typeOrmRoot } from './database/data-source.js';
import { EnvelopeModule } from './envelope/envelope.module.js';
import { FederationModule } from './federation/federation.module.js';
import { FreezeRequestsModule } from './freeze-requests/freeze-requests.module.js';
import { graphqlOptions } from './graphql/graphql-options.js';
import { InboundModule } from './inbound/inbound.module.js';
import { graphqlMetricsPlugin } from './metrics/graphql-metrics.plugin.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { MetricsService } from './metrics/metrics.service.js';
import { HealthModule } from './health/health.module.js';
import { HitCheckModule } from './hit-check/hit-check.module.js';
import { SharingModule } from './sharing/sharing.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { ScreeningModule } from './screening/screening.module.js';
import { PeersModule } from './peers/peers.module.js';
import { PolicyModule } from './policy/policy.module.js';
import { OfficersModule } from './officers/officers.module.js';
import { WatchlistModule } from './watchlist/watchlist.module.js';
import { StixModule } from './stix/stix.module.js';
import { TaxiiModule } from './taxii/taxii.module.js';
import { MispModule } from './misp/misp.module.js';
import { WalletScreeningModule } from './wallet-screening/wallet-screening.module.js';

/** What the application is built from: all of it is prepared before Nest starts, so bad setup fails early. */
export interface NodeRuntimeDeps {
  config: NodeConfig;
  databaseUrl: string;
  logger: Logger;
  identity: NodeIdentity;
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(runtime: NodeRuntimeDeps): DynamicModule {
    const { config, databaseUrl, logger, identity, clock } = runtime;
    return {
      module: AppModule,
      imports: [
        NodeConfigModule.forRoot(config, logger, clock),
        IdentityModule.forRoot(identity),
        typeOrmRoot(databaseUrl, config.database.poolSize),
        TransactionModule,
        MetricsModule,
        // Async so that graphql-ws can authenticate sockets with AuthService at connect.
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule],
          inject: [AuthService, MetricsService],
          useFactory: (auth: AuthService, metrics: MetricsService) =>
            graphqlOptions(config, logger, auth, [graphqlMetricsPlugin(metrics)]),
        }),
        AuditModule,
        AlertsModule,
        CasesModule,
        ComplianceModule,
        ConsoleModule,
        EnvelopeModule,
        FederationModule,
        FreezeRequestsModule,
        HealthModule,
        HitCheckModule,
        InboundModule,
        OfficersModule,
        PeersModule,
        PolicyModule,
        RetentionModule,
        SharingModule,
        ScreeningModule,
        WatchlistModule,
        StixModule,
        TaxiiModule,
        MispModule,
        WalletScreeningModule,
        AuthModule,
      ],
    };
  }
}
