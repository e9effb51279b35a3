import { Module } from '@nestjs/common';
import { PasswordHasher } from './password-hasher.js';
import { OfficerAccountResolver } from './officer-account.resolver.js';
import { OfficerAccountService } from './officer-account.service.js';

@Module({
  providers: [OfficerAccountService, OfficerAccountResolver, PasswordHasher],
  exports: [OfficerAccountService, PasswordHasher],
})
export class OfficersModule {}
