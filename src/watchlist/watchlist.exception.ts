import { ApiErrorCode, type ClientFacingError } from '../common/errors/api-error-code.js';

export enum WatchlistExceptionCode {
  ENTRY_NOT_FOUND = 'ENTRY_NOT_FOUND',
  NOT_ORIGIN = 'NOT_ORIGIN',
  ALREADY_REVOKED = 'ALREADY_REVOKED',
  ALREADY_LISTED = 'ALREADY_LISTED',
}

function apiCodeOf(code: WatchlistExceptionCode): ApiErrorCode {
  switch (code) {
    case WatchlistExceptionCode.ENTRY_NOT_FOUND:
      return ApiErrorCode.NOT_FOUND;
    case WatchlistExceptionCode.NOT_ORIGIN:
      return ApiErrorCode.FORBIDDEN;
    case WatchlistExceptionCode.ALREADY_REVOKED:
    case WatchlistExceptionCode.ALREADY_LISTED:
      return ApiErrorCode.CONFLICT;
  }
}

export class WatchlistException extends Error implements ClientFacingError {
  readonly apiCode: ApiErrorCode;
  constructor(
    message: string,
    readonly code: WatchlistExceptionCode,
  ) {
    super(message);
    this.name = 'WatchlistException';
    this.apiCode = apiCodeOf(code);
  }
}
