import { ApiErrorCode, type ClientFacingError } from '../common/errors/api-error-code.js';

export enum CaseExceptionCode {
  CASE_NOT_FOUND = 'CASE_NOT_FOUND',
  REFERENCE_TAKEN = 'REFERENCE_TAKEN',
  REVISION_CONFLICT = 'REVISION_CONFLICT',
  ATTACHMENT_NOT_FOUND = 'ATTACHMENT_NOT_FOUND',
}

function apiCodeOf(code: CaseExceptionCode): ApiErrorCode {
  switch (code) {
    case CaseExceptionCode.CASE_NOT_FOUND:
    case CaseExceptionCode.ATTACHMENT_NOT_FOUND:
      return ApiErrorCode.NOT_FOUND;
    case CaseExceptionCode.REFERENCE_TAKEN:
    case CaseExceptionCode.REVISION_CONFLICT:
      return ApiErrorCode.CONFLICT;
  }
}

export class CaseException extends Error implements ClientFacingError {
  readonly apiCode: ApiErrorCode;
  constructor(
    message: string,
    readonly code: CaseExceptionCode,
  ) {
    super(message);
    this.name = 'CaseException';
    this.apiCode = apiCodeOf(code);
  }
}
