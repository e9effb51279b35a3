/**
 * Typed errors of the identity core. Each carries a stable code so callers (the Nest layer, the
 * CLI, the packet verifier) can map them to API errors, exit codes and audit records without
 * parsing messages.
 */

export type KeyStoreErrorCode =
  | 'KEYS_MISSING'
  | 'WRONG_PASSPHRASE'
  | 'CORRUPT_KEY_FILE'
  | 'NODE_ID_MISMATCH'
  | 'INSECURE_PERMISSIONS'
  | 'PASSPHRASE_MISSING'
  | 'PASSPHRASE_CONFLICT'
  | 'PASSPHRASE_UNREADABLE';

export class KeyStoreError extends Error {
  constructor(
    readonly code: KeyStoreErrorCode,
    message: string,
    /** Absolute paths of the files that were expected but not found (KEYS_MISSING). */
    readonly missingFiles: readonly string[] = [],
  ) {
    super(message);
    this.name = 'KeyStoreError';
  }
}

export const CERTIFICATE_REJECTION_REASONS = [
  'UNTRUSTED_CERTIFICATE',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_NOT_YET_VALID',
  'CERTIFICATE_REVOKED',
  'CERTIFICATE_NODE_MISMATCH',
  'CERTIFICATE_PIN_MISMATCH',
  'MALFORMED_CERTIFICATE',
] as const;

export type CertificateRejectionReason = (typeof CERTIFICATE_REJECTION_REASONS)[number];

/** A certificate that must not be accepted; `reason` is stable and safe to log and record. */
export class CertificateRejection extends Error {
  constructor(
    readonly reason: CertificateRejectionReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'CertificateRejection';
  }
}

/** Misuse of the PKI helpers (bad ids, a CA that does not exist yet, inconsistent inputs). */
export class PkiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PkiError';
  }
}
