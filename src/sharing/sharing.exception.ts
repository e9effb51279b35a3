import { ApiErrorCode, type ClientFacingError } from '../common/errors/api-error-code.js';

export enum SharingExceptionCode {
  SHARE_NOT_FOUND = 'SHARE_NOT_FOUND',
  NOT_PENDING = 'NOT_PENDING',
  OWN_REQUEST = 'OWN_REQUEST',
  STALE_PREVIEW = 'STALE_PREVIEW',
  NOT_REQUESTER = 'NOT_REQUESTER',
}

function apiCodeOf(code: SharingExceptionCode): ApiErrorCode {
  switch (code) {
    case SharingExceptionCode.SHARE_NOT_FOUND:
      return ApiErrorCode.NOT_FOUND;
    case SharingExceptionCode.NOT_PENDING:
    case SharingExceptionCode.STALE_PREVIEW:
      return ApiErrorCode.CONFLICT;
    case SharingExceptionCode.OWN_REQUEST:
    case SharingExceptionCode.NOT_REQUESTER:
      return ApiErrorCode.FORBIDDEN;
  }
}

export class SharingException extends Error implements ClientFacingError {
  readonly apiCode: ApiErrorCode;
  constructor(
    message: string,
    readonly code: SharingExceptionCode,
  ) {
    super(message);
    this.name = 'SharingException';
    this.apiCode = apiCodeOf(code);
  }
}
