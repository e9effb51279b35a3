import { LoginAttempt } from '../auth/entities/login-attempt.entity.js';
import { AcceptedPacketId } from '../envelope/entities/accepted-packet-id.entity.js';
import { PacketRejectionRecord } from '../envelope/entities/packet-rejection-record.entity.js';
import { PeerCertificate } from '../identity/entities/peer-certificate.entity.js';
import { RevokedCertificate } from '../identity/entities/revoked-certificate.entity.js';
import { OfficerAccount } from '../officers/entities/officer-account.entity.js';

/** Every TypeORM entity of the node. */
export const ENTITIES = [OfficerAccount, LoginAttempt, RevokedCertificate, PeerCertificate, AcceptedPacketId, PacketRejectionRecord];
