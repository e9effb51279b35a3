/** Every kind of event the audit trail records, in the users' words. */
export enum AuditEventType {
  LOGIN_SUCCEEDED = 'LOGIN_SUCCEEDED',
  LOGIN_FAILED = 'LOGIN_FAILED',
  USER_CREATED = 'USER_CREATED',
  USER_DISABLED = 'USER_DISABLED',
  SHARE_REQUESTED = 'SHARE_REQUESTED',
  SHARE_APPROVED = 'SHARE_APPROVED',
  SHARE_REJECTED = 'SHARE_REJECTED',
  SHARE_WITHDRAWN = 'SHARE_WITHDRAWN',
  SHARE_SENT = 'SHARE_SENT',
  SHARE_DELIVERED = 'SHARE_DELIVERED',
  /** Refused by the partner (signed REJECTED receipt) or dead-lettered at the deadline; see details.failure. */
  SHARE_FAILED = 'SHARE_FAILED',
  DELIVERY_RETRIED = 'DELIVERY_RETRIED',
  PACKET_RECEIVED = 'PACKET_RECEIVED',
  PACKET_REJECTED = 'PACKET_REJECTED',
  POLICY_CHANGED = 'POLICY_CHANGED',
  KEYS_ROTATED = 'KEYS_ROTATED',
  CERTIFICATE_REVOKED = 'CERTIFICATE_REVOKED',
  RECORD_PURGED = 'RECORD_PURGED',
  /** A signature of the node key over the chain up to the previous entry. */
  AUDIT_CHECKPOINT = 'AUDIT_CHECKPOINT',
}

export const AUDIT_EVENT_TYPES = Object.values(AuditEventType);
