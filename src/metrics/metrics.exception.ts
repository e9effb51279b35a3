import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

export enum MetricsExceptionCode {
  /** Neither a scrape token nor anonymous access is configured. */
  METRICS_OFF = 'METRICS_OFF',
  /** A token is configured and the request did not send it. */
  METRICS_TOKEN_REQUIRED = 'METRICS_TOKEN_REQUIRED',
}

const API_CODES: Record<MetricsExceptionCode, ApiErrorCode> = {
  METRICS_OFF: ApiErrorCode.FORBIDDEN,
  METRICS_TOKEN_REQUIRED: ApiErrorCode.UNAUTHENTICATED,
};

export class MetricsException extends DomainException<MetricsExceptionCode> {
  constructor(message: string, code: MetricsExceptionCode) {
    super(message, code, API_CODES);
  }
}
