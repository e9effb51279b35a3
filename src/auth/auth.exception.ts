import { ApiErrorCode, ClientFacingError } from '../common/errors/api-error-code.js';

export enum AuthExceptionCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  RATE_LIMITED = 'RATE_LIMITED',
  MISSING_TOKEN = 'MISSING_TOKEN',
  INVALID_TOKEN = 'INVALID_TOKEN',
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  ROLE_REQUIRED = 'ROLE_REQUIRED',
}

/** Exhaustive: adding a code without deciding its API code fails to compile. */
function apiCodeOf(code: AuthExceptionCode): ApiErrorCode {
  switch (code) {
    case AuthExceptionCode.INVALID_CREDENTIALS:
    case AuthExceptionCode.MISSING_TOKEN:
    case AuthExceptionCode.INVALID_TOKEN:
    case AuthExceptionCode.ACCOUNT_DISABLED:
      return ApiErrorCode.UNAUTHENTICATED;
    case AuthExceptionCode.RATE_LIMITED:
      return ApiErrorCode.RATE_LIMITED;
    case AuthExceptionCode.ROLE_REQUIRED:
      return ApiErrorCode.FORBIDDEN;
  }
}

export class AuthException extends Error implements ClientFacingError {
  readonly apiCode: ApiErrorCode;
  constructor(
    message: string,
    readonly code: AuthExceptionCode,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AuthException';
    this.apiCode = apiCodeOf(code);
  }
}
