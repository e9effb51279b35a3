import { DynamicModule, Global, Module } from '@nestjs/common';
import { AUDIT_SIGNING_IDENTITY, type AuditSigningIdentity } from '../audit/audit-signing-identity.js';
import { NodeInfoResolver } from './node-info.resolver.js';
import { NodeInfoService } from './node-info.service.js';
import { CertificateRevocationService } from './certificate-revocation.service.js';
import { CertificateTrustService } from './certificate-trust.service.js';
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
      providers: [
        { provide: NODE_IDENTITY, useValue: identity },
        NodeIdentityService,
        CertificateTrustService,
        CertificateRevocationService,
        IdentityResolver,
        NodeInfoService,
        NodeInfoResolver,
        { provide: AUDIT_SIGNING_IDENTITY, inject: [NodeIdentityService], useFactory: auditSigningIdentity },
      ],
      exports: [NodeIdentityService, CertificateTrustService, NodeInfoService, AUDIT_SIGNING_IDENTITY],
    };
  }
}

/** What the audit trail needs of this node's identity: the key that signs checkpoints, the anchors that verify them. */
function auditSigningIdentity(identity: NodeIdentityService): AuditSigningIdentity {
  return {
    signer: () => {
      const current = identity.current();
      return {
        nodeId: current.nodeId,
        keyId: current.keys.current.keyId,
        certificateFingerprint: current.certificate.fingerprintSha256,
        certificatePem: current.certificatePem,
        signingSecretKey: current.keys.current.signing.privateKey,
      };
    },
    trustAnchorsPem: () => identity.current().trustAnchorsPem,
  };
}
