import { LoginAttempt } from '../auth/entities/login-attempt.entity.js';
import { AcceptedPacketId } from '../envelope/entities/accepted-packet-id.entity.js';
import { PacketRejectionRecord } from '../envelope/entities/packet-rejection-record.entity.js';
import { CaseAttachmentFile } from '../cases/entities/case-attachment-file.entity.js';
import { IntelCase } from '../cases/entities/intel-case.entity.js';
import { PartnerPolicyVersion } from '../policy/entities/partner-policy.entity.js';
import { OutboundPacket } from '../sharing/entities/outbound-packet.entity.js';
import { ShareRequest } from '../sharing/entities/share-request.entity.js';
import { ReceivedPacket } from '../inbound/entities/received-packet.entity.js';
import { Delivery } from '../federation/entities/delivery.entity.js';
import { IssuedReceipt } from '../federation/entities/issued-receipt.entity.js';
import { PeerCertificate } from '../identity/entities/peer-certificate.entity.js';
import { RevokedCertificate } from '../identity/entities/revoked-certificate.entity.js';
import { OfficerAccount } from '../officers/entities/officer-account.entity.js';
import { WATCHLIST_ENTITIES } from '../watchlist/entities/index.js';
import { Alert } from '../alerts/entities/alert.entity.js';
import { TaxiiAccount } from '../taxii/entities/taxii-account.entity.js';
import { AuditEntry } from '../audit/entities/audit-entry.entity.js';

/** Every TypeORM entity of the node. */
export const ENTITIES = [OfficerAccount, LoginAttempt, RevokedCertificate, PeerCertificate, AcceptedPacketId, PacketRejectionRecord, IntelCase, CaseAttachmentFile, PartnerPolicyVersion, ShareRequest, OutboundPacket, ReceivedPacket, Delivery, IssuedReceipt, ...WATCHLIST_ENTITIES, Alert, AuditEntry, TaxiiAccount];
