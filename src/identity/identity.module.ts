import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NodeInfoModule } from '../node-info/node-info.module.js';
import { CertificateRevocationService } from './certificate-revocation.service.js';
import { CertificateTrustService } from './certificate-trust.service.js';
import { PeerCertificate } from './entities/peer-certificate.entity.js';
import { RevokedCertificate } from './entities/revoked-certificate.entity.js';
import { IdentityResolver } from './identity.resolver.js';
import type { NodeIdentity } from './node-identity.loader.js';
import { NODE_IDENTITY, NodeIdentityService } from './node-identity.service.js';

/** The node's own identity (loaded before the app starts) and its trust decisions about peers. */
@Global()
@Module({})
export class IdentityModule {
  static forRoot(identity: NodeIdentity): DynamicModule {
    return {
      module: IdentityModule,
      imports: [TypeOrmModule.forFeature([RevokedCertificate, PeerCertificate]), NodeInfoModule],
      providers: [
        { provide: NODE_IDENTITY, useValue: identity },
        NodeIdentityService,
        CertificateTrustService,
        CertificateRevocationService,
        IdentityResolver,
      ],
      exports: [NodeIdentityService, CertificateTrustService],
    };
  }
}
