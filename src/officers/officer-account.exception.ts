import { ApiErrorCode, ClientFacingError } from '../common/errors/api-error-code.js';

export enum OfficerAccountExceptionCode {
  USERNAME_TAKEN = 'USERNAME_TAKEN',
  ACCOUNT_NOT_FOUND = 'ACCOUNT_NOT_FOUND',
  CANNOT_DISABLE_SELF = 'CANNOT_DISABLE_SELF',
}

function apiCodeOf(code: OfficerAccountExceptionCode): ApiErrorCode {
  switch (code) {
    case OfficerAccountExceptionCode.USERNAME_TAKEN:
      return ApiErrorCode.CONFLICT;
    case OfficerAccountExceptionCode.ACCOUNT_NOT_FOUND:
      return ApiErrorCode.NOT_FOUND;
    case OfficerAccountExceptionCode.CANNOT_DISABLE_SELF:
      return ApiErrorCode.CONFLICT;
  }
}

export class OfficerAccountException extends Error implements ClientFacingError {
  readonly apiCode: ApiErrorCode;
  constructor(
    message: string,
    readonly code: OfficerAccountExceptionCode,
  ) {
    super(message);
    this.name = 'OfficerAccountException';
    this.apiCode = apiCodeOf(code);
  }
}
