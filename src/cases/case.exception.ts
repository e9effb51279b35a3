import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

export enum CaseExceptionCode {
  CASE_NOT_FOUND = 'CASE_NOT_FOUND',
  REFERENCE_TAKEN = 'REFERENCE_TAKEN',
  REVISION_CONFLICT = 'REVISION_CONFLICT',
  ATTACHMENT_NOT_FOUND = 'ATTACHMENT_NOT_FOUND',
}

const API_CODES: Record<CaseExceptionCode, ApiErrorCode> = {
  CASE_NOT_FOUND: ApiErrorCode.NOT_FOUND,
  REFERENCE_TAKEN: ApiErrorCode.CONFLICT,
  REVISION_CONFLICT: ApiErrorCode.CONFLICT,
  ATTACHMENT_NOT_FOUND: ApiErrorCode.NOT_FOUND,
};

export class CaseException extends DomainException<CaseExceptionCode> {
  constructor(message: string, code: CaseExceptionCode) {
    super(message, code, API_CODES);
  }
}
