import { ApiErrorCode, type ClientFacingError } from '../common/errors/api-error-code.js';

export enum IdentityExceptionCode {
  ROTATION_UNAVAILABLE = 'ROTATION_UNAVAILABLE',
  ALREADY_REVOKED = 'ALREADY_REVOKED',
  OWN_CERTIFICATE = 'OWN_CERTIFICATE',
  PEER_CERTIFICATE_UNAVAILABLE = 'PEER_CERTIFICATE_UNAVAILABLE',
}

function apiCodeOf(code: IdentityExceptionCode): ApiErrorCode {
  switch (code) {
    case IdentityExceptionCode.ROTATION_UNAVAILABLE:
    case IdentityExceptionCode.ALREADY_REVOKED:
    case IdentityExceptionCode.OWN_CERTIFICATE:
      return ApiErrorCode.CONFLICT;
    case IdentityExceptionCode.PEER_CERTIFICATE_UNAVAILABLE:
      return ApiErrorCode.NOT_FOUND;
  }
}

export class IdentityException extends Error implements ClientFacingError {
  readonly apiCode: ApiErrorCode;
  constructor(
    message: string,
    readonly code: IdentityExceptionCode,
  ) {
    super(message);
    this.name = 'IdentityException';
    this.apiCode = apiCodeOf(code);
  }
}
