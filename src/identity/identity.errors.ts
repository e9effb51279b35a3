/**
 * Typed errors of the key store. Each carries a stable code so callers (the Nest layer, the CLI) can
 * map them to API errors and exit codes without parsing messages. Certificate errors are the PKI
 * kernel's (kernel/pki/pki-errors.ts).
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
