import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

export enum WatchlistExceptionCode {
  ENTRY_NOT_FOUND = 'ENTRY_NOT_FOUND',
  NOT_ORIGIN = 'NOT_ORIGIN',
  ALREADY_REVOKED = 'ALREADY_REVOKED',
  ALREADY_LISTED = 'ALREADY_LISTED',
}

const API_CODES: Record<WatchlistExceptionCode, ApiErrorCode> = {
  ENTRY_NOT_FOUND: ApiErrorCode.NOT_FOUND,
  NOT_ORIGIN: ApiErrorCode.FORBIDDEN,
  ALREADY_REVOKED: ApiErrorCode.CONFLICT,
  ALREADY_LISTED: ApiErrorCode.CONFLICT,
};

export class WatchlistException extends DomainException<WatchlistExceptionCode> {
  constructor(message: string, code: WatchlistExceptionCode) {
    super(message, code, API_CODES);
  }
}
