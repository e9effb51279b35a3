import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER } from '../config/config.module.js';
import { PeerCertificate } from './entities/peer-certificate.entity.js';
import { RevokedCertificate } from './entities/revoked-certificate.entity.js';
import { IdentityException, IdentityExceptionCode } from './identity.exception.js';
import { NodeIdentityService } from './node-identity.service.js';
import { TransactionContext } from '../common/database/transaction-context.js';

const FINGERPRINT = /^([0-9a-f]{2}:?){31}[0-9a-f]{2}$/;

/** The node's revocation list of peer certificates, managed by ADMINs. */
@Injectable()
export class CertificateRevocationService {
  constructor(
    private readonly tx: TransactionContext,

    private readonly identity: NodeIdentityService,
    private readonly audit: AuditService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get revoked() {
    return this.tx.manager.getRepository(RevokedCertificate);
  }

  private get seen() {
    return this.tx.manager.getRepository(PeerCertificate);
  }

  async revoke(rawFingerprint: string, reason: string, by: string): Promise<RevokedCertificate> {
    const lowered = rawFingerprint.trim().toLowerCase();
    if (!FINGERPRINT.test(lowered))
      throw new InputException('fingerprint', 'must be a SHA-256 fingerprint: 64 hex digits, colons allowed');
    const fingerprint = lowered.replace(/:/g, '');
    if (!reason.trim()) throw new InputException('reason', 'say why the certificate is revoked');
    if (reason.length > 500) throw new InputException('reason', 'must be at most 500 characters');
    if (fingerprint === this.identity.current().certificate.fingerprintSha256) {
      throw new IdentityException(
        "This is the node's own current certificate; rotate the node keys instead",
        IdentityExceptionCode.OWN_CERTIFICATE,
      );
    }
    if (await this.revoked.existsBy({ fingerprint })) {
      throw new IdentityException(
        `Certificate ${fingerprint} is already revoked`,
        IdentityExceptionCode.ALREADY_REVOKED,
      );
    }
    const known = await this.seen.findOneBy({ fingerprint });
    const row = await this.tx.run(async () => {
      const manager = this.tx.manager;
      const saved = await manager
        .getRepository(RevokedCertificate)
        .save(
          manager
            .getRepository(RevokedCertificate)
            .create({ fingerprint, nodeId: known?.nodeId ?? null, reason: reason.trim(), revokedBy: by }),
        );
      await this.audit.record({
        type: AuditEventType.CERTIFICATE_REVOKED,
        actor: by,
        subjectType: 'CERTIFICATE',
        subjectId: fingerprint,
        details: { nodeId: saved.nodeId, reason: saved.reason },
      });
      return saved;
    });
    this.logger.warn(
      { event: 'identity.certificate_revoked', fingerprint, nodeId: row.nodeId, by },
      `certificate ${fingerprint} revoked by ${by}`,
    );
    return row;
  }

  list(): Promise<RevokedCertificate[]> {
    return this.revoked.find({ order: { revokedAt: 'DESC' } });
  }
}
