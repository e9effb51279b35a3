import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { AuthModule } from './auth/auth.module.js';
import { NodeConfigModule } from './config/config.module.js';
import type { NodeConfig } from './config/node-config.schema.js';
import { dataSourceOptions } from './database/data-source.js';
import { graphqlOptions } from './graphql/graphql-options.js';
import { HealthModule } from './health/health.module.js';
import { NodeInfoModule } from './node-info/node-info.module.js';
import { OfficersModule } from './officers/officers.module.js';

@Module({})
export class AppModule {
  static forRoot(config: NodeConfig, databaseUrl: string, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        NodeConfigModule.forRoot(config, logger),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)),
        GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, ...graphqlOptions(config, logger) }),
        HealthModule,
        NodeInfoModule,
        OfficersModule,
        AuthModule,
      ],
    };
  }
}
