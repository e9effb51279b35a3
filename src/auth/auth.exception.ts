import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

export enum AuthExceptionCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  RATE_LIMITED = 'RATE_LIMITED',
  MISSING_TOKEN = 'MISSING_TOKEN',
  INVALID_TOKEN = 'INVALID_TOKEN',
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  ROLE_REQUIRED = 'ROLE_REQUIRED',
}

const API_CODES: Record<AuthExceptionCode, ApiErrorCode> = {
  INVALID_CREDENTIALS: ApiErrorCode.UNAUTHENTICATED,
  RATE_LIMITED: ApiErrorCode.RATE_LIMITED,
  MISSING_TOKEN: ApiErrorCode.UNAUTHENTICATED,
  INVALID_TOKEN: ApiErrorCode.UNAUTHENTICATED,
  ACCOUNT_DISABLED: ApiErrorCode.UNAUTHENTICATED,
  ROLE_REQUIRED: ApiErrorCode.FORBIDDEN,
};

export class AuthException extends DomainException<AuthExceptionCode> {
  constructor(
    message: string,
    code: AuthExceptionCode,
    readonly retryAfterSeconds?: number,
  ) {
    super(message, code, API_CODES);
  }
}
