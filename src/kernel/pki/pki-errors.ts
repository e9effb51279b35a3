// Typed errors of the node-certificate core, with stable codes that callers map to packet reasons,
// API errors and exit codes without parsing messages.

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
