import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

export enum IdentityExceptionCode {
  ROTATION_UNAVAILABLE = 'ROTATION_UNAVAILABLE',
  ALREADY_REVOKED = 'ALREADY_REVOKED',
  OWN_CERTIFICATE = 'OWN_CERTIFICATE',
  PEER_CERTIFICATE_UNAVAILABLE = 'PEER_CERTIFICATE_UNAVAILABLE',
}

const API_CODES: Record<IdentityExceptionCode, ApiErrorCode> = {
  ROTATION_UNAVAILABLE: ApiErrorCode.CONFLICT,
  ALREADY_REVOKED: ApiErrorCode.CONFLICT,
  OWN_CERTIFICATE: ApiErrorCode.CONFLICT,
  // The share exists; the node is not ready to seal for that partner yet.
  PEER_CERTIFICATE_UNAVAILABLE: ApiErrorCode.CONFLICT,
};

export class IdentityException extends DomainException<IdentityExceptionCode> {
  constructor(message: string, code: IdentityExceptionCode) {
    super(message, code, API_CODES);
  }
}
