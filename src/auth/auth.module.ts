import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { OfficersModule } from '../officers/officers.module.js';
import { AuthGuard } from './auth.guard.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { LoginAttemptRepository } from './login-attempt.repository.js';
import { OfficerSessions } from './officer-sessions.service.js';
import { loadTokenSecret } from './token-secret.js';
import { TokenService } from './token.service.js';

@Module({
  imports: [OfficersModule],
  providers: [
    AuthService,
    AuthResolver,
    LoginAttemptRepository,
    OfficerSessions,
    {
      provide: TokenService,
      inject: [NODE_CONFIG],
      useFactory: (config: NodeConfig) =>
        new TokenService(loadTokenSecret(config), config.id, config.auth.tokenTtlSeconds),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
