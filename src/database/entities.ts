import { LoginAttempt } from '../auth/entities/login-attempt.entity.js';
import { LoginRefusal } from '../auth/entities/login-refusal.entity.js';
import { AcceptedPacketId } from '../envelope/entities/accepted-packet-id.entity.js';
import { PacketRejectionRecord } from '../envelope/entities/packet-rejection-record.entity.js';
import { CaseAttachmentFile } from '../cases/entities/case-attachment-file.entity.js';
import { IntelCase } from '../cases/entities/intel-case.entity.js';
import { CaseEdit } from '../cases/entities/case-edit.entity.js';
import { PartnerPolicyVersion } from '../policy/entities/partner-policy.entity.js';
import { OutboundPacket } from '../federation/entities/outbound-packet.entity.js';
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
import { TaxiiCollection } from '../taxii/entities/taxii-collection.entity.js';
import { TaxiiInboxItem } from '../taxii/entities/taxii-inbox-item.entity.js';
import { TaxiiStatus } from '../taxii/entities/taxii-status.entity.js';
import { AuditEntry } from '../audit/entities/audit-entry.entity.js';
import { FreezeAnswer } from '../freeze-requests/entities/freeze-answer.entity.js';
import { FreezeHold } from '../freeze-requests/entities/freeze-hold.entity.js';
import { FreezeRequestCopy } from '../freeze-requests/entities/freeze-request-copy.entity.js';
import { FreezeRequest } from '../freeze-requests/entities/freeze-request.entity.js';
import { ComplianceAnswer } from '../compliance/entities/compliance-answer.entity.js';
import { ComplianceOrderDocument } from '../compliance/entities/compliance-order-document.entity.js';
import { ComplianceRequest } from '../compliance/entities/compliance-request.entity.js';
import { HitReport } from '../wallet-screening/entities/hit-report.entity.js';
import { ScreeningSystem } from '../wallet-screening/entities/screening-system.entity.js';
import { WalletHit } from '../wallet-screening/entities/wallet-hit.entity.js';

/** Every TypeORM entity of the node. */
export const ENTITIES = [
  OfficerAccount,
  LoginAttempt,
  LoginRefusal,
  RevokedCertificate,
  PeerCertificate,
  AcceptedPacketId,
  PacketRejectionRecord,
  IntelCase,
  CaseEdit,
  CaseAttachmentFile,
  PartnerPolicyVersion,
  ShareRequest,
  OutboundPacket,
  ReceivedPacket,
  Delivery,
  IssuedReceipt,
  ...WATCHLIST_ENTITIES,
  Alert,
  AuditEntry,
  TaxiiAccount,
  TaxiiCollection,
  TaxiiStatus,
  TaxiiInboxItem,
  FreezeRequest,
  FreezeRequestCopy,
  FreezeAnswer,
  FreezeHold,
  ComplianceRequest,
  ComplianceOrderDocument,
  ComplianceAnswer,
  ScreeningSystem,
  WalletHit,
  HitReport,
];
