import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PasswordHasher } from '../auth/password-hasher.js';
import { OfficerAccount } from './entities/officer-account.entity.js';
import { OfficerAccountResolver } from './officer-account.resolver.js';
import { OfficerAccountService } from './officer-account.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([OfficerAccount])],
  providers: [OfficerAccountService, OfficerAccountResolver, PasswordHasher],
  exports: [OfficerAccountService, PasswordHasher],
})
export class OfficersModule {}
