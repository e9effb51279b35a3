/** Every kind of event the audit trail records, in the users' words. */
export enum AuditEventType {
  LOGIN_SUCCEEDED = 'LOGIN_SUCCEEDED',
  LOGIN_FAILED = 'LOGIN_FAILED',
  USER_CREATED = 'USER_CREATED',
  USER_DISABLED = 'USER_DISABLED',
  USER_ROLES_CHANGED = 'USER_ROLES_CHANGED',
  /** Refused logins from one source (address and username) in one burst, counted in one entry. */
  LOGIN_THROTTLED = 'LOGIN_THROTTLED',
  /** Every change to a case's content, with the revision it made: who wrote what leaves in a share. */
  CASE_CREATED = 'CASE_CREATED',
  CASE_UPDATED = 'CASE_UPDATED',
  SHARE_REQUESTED = 'SHARE_REQUESTED',
  /** A preview recomputed; whoever refreshed it became its requester. */
  SHARE_PREVIEW_REFRESHED = 'SHARE_PREVIEW_REFRESHED',
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
  WATCHLIST_ENTRY_ADDED = 'WATCHLIST_ENTRY_ADDED',
  WATCHLIST_ENTRY_UPDATED = 'WATCHLIST_ENTRY_UPDATED',
  WATCHLIST_ENTRY_REVOKED = 'WATCHLIST_ENTRY_REVOKED',
  /** A case or watchlist export as STIX, a case export as a MISP event: a release of data, like a share. */
  STIX_EXPORTED = 'STIX_EXPORTED',
  MISP_EXPORTED = 'MISP_EXPORTED',
  /** One of the agency's own tools posted objects to the TAXII inbox; details say what became of them. */
  TAXII_OBJECTS_ADDED = 'TAXII_OBJECTS_ADDED',
  /** A liaison officer turned a pending inbox object into a watchlist entry, or refused it. */
  TAXII_INBOX_APPROVED = 'TAXII_INBOX_APPROVED',
  TAXII_INBOX_REJECTED = 'TAXII_INBOX_REJECTED',
  /** A partner's TAXII account was created or given a new secret. */
  TAXII_ACCOUNT_ISSUED = 'TAXII_ACCOUNT_ISSUED',
  TAXII_ACCOUNT_DISABLED = 'TAXII_ACCOUNT_DISABLED',
  /** Agency: a request to exchanges (freeze, preservation, disclosure, release) and its four-eyes decision. */
  FREEZE_REQUESTED = 'FREEZE_REQUESTED',
  FREEZE_REQUEST_APPROVED = 'FREEZE_REQUEST_APPROVED',
  FREEZE_REQUEST_REJECTED = 'FREEZE_REQUEST_REJECTED',
  FREEZE_REQUEST_WITHDRAWN = 'FREEZE_REQUEST_WITHDRAWN',
  /** Agency: an exchange's signed answer arrived. */
  FREEZE_ANSWER_RECEIVED = 'FREEZE_ANSWER_RECEIVED',
  /** Exchange: a request arrived; an officer drafted an answer; a second officer approved or rejected it. */
  FREEZE_REQUEST_RECEIVED = 'FREEZE_REQUEST_RECEIVED',
  FREEZE_ANSWER_DRAFTED = 'FREEZE_ANSWER_DRAFTED',
  FREEZE_ANSWER_APPROVED = 'FREEZE_ANSWER_APPROVED',
  FREEZE_ANSWER_REJECTED = 'FREEZE_ANSWER_REJECTED',
  /** Exchange: hits on an agency's entries queued for it as a HIT_REPORT packet; agency: one arrived. */
  HIT_REPORT_QUEUED = 'HIT_REPORT_QUEUED',
  HIT_REPORT_RECEIVED = 'HIT_REPORT_RECEIVED',
  /** Exchange: a screening system's credential was issued, registered or disabled. */
  SCREENING_SYSTEM_CHANGED = 'SCREENING_SYSTEM_CHANGED',
  /** A signature of the node key over the chain up to the previous entry. */
  AUDIT_CHECKPOINT = 'AUDIT_CHECKPOINT',
}

export const AUDIT_EVENT_TYPES = Object.values(AuditEventType);
