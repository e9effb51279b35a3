import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { Role } from '../kernel/vocabulary/role.js';
import { NodeInfoObject } from './dto/node-info.object.js';
import { NodeInfoService } from './node-info.service.js';
import { CertificateRevocationService } from './certificate-revocation.service.js';
import { RevokedCertificateObject } from './dto/revoked-certificate.object.js';
import { NodeIdentityService } from './node-identity.service.js';

@Resolver()
export class IdentityResolver {
  constructor(
    private readonly identity: NodeIdentityService,
    private readonly revocations: CertificateRevocationService,
    private readonly nodeInfo: NodeInfoService,
  ) {}

  @Mutation(() => NodeInfoObject, {
    description:
      'New signing and encryption keys and a new certificate; the old keys stay usable for the grace period.',
  })
  @Roles(Role.ADMIN)
  async rotateNodeKeys(@CurrentOfficer() admin: AuthenticatedOfficer): Promise<NodeInfoObject> {
    await this.identity.rotate(admin.username);
    return this.nodeInfo.describe();
  }

  @Mutation(() => RevokedCertificateObject, { description: 'Stops accepting packets signed under a peer certificate.' })
  @Roles(Role.ADMIN)
  async revokePeerCertificate(
    @Args('fingerprint') fingerprint: string,
    @Args('reason') reason: string,
    @CurrentOfficer() admin: AuthenticatedOfficer,
  ): Promise<RevokedCertificateObject> {
    return RevokedCertificateObject.of(await this.revocations.revoke(fingerprint, reason, admin.username));
  }

  @Query(() => [RevokedCertificateObject])
  @Roles(Role.ADMIN, Role.AUDITOR)
  async revokedCertificates(): Promise<RevokedCertificateObject[]> {
    return (await this.revocations.list()).map((row) => RevokedCertificateObject.of(row));
  }
}
