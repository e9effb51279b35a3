import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException, HttpStatus } from '@nestjs/common';
import { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ApiErrorCode, isClientFacingError } from './api-error-code.js';
import { databaseInputError } from './database-input-error.js';
import { DomainException } from './domain.exception.js';

/** Codes Apollo and graphql-js give to malformed operations: the client's fault, and safe to show. */
const CLIENT_SIDE_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
  'BAD_REQUEST',
]);

function httpStatusCode(status: number): ApiErrorCode {
  switch (status) {
    case HttpStatus.UNAUTHORIZED:
      return ApiErrorCode.UNAUTHENTICATED;
    case HttpStatus.FORBIDDEN:
      return ApiErrorCode.FORBIDDEN;
    case HttpStatus.NOT_FOUND:
      return ApiErrorCode.NOT_FOUND;
    case HttpStatus.CONFLICT:
      return ApiErrorCode.CONFLICT;
    case HttpStatus.TOO_MANY_REQUESTS:
      return ApiErrorCode.RATE_LIMITED;
    default:
      return status >= 400 && status < 500 ? ApiErrorCode.BAD_USER_INPUT : ApiErrorCode.INTERNAL;
  }
}

/** graphql-js's "Did you mean …?" hints, which spell out field, argument and enum names of the schema. */
const SUGGESTION = / ?Did you mean .+?\?/g;

export interface GraphqlErrorFormatterOptions {
  /** Production: no schema names guessed back to a caller (introspection is off there too). */
  hideSuggestions?: boolean;
}

/**
 * Maps every error to a stable code and strips what must never leave the node
 * (stack traces, SQL, file paths). Unknown errors become INTERNAL and are logged here instead.
 */
export function createGraphqlErrorFormatter(logger: Logger, options: GraphqlErrorFormatterOptions = {}) {
  return (formatted: GraphQLFormattedError, raw: unknown): GraphQLFormattedError => {
    const error = unwrapResolverError(raw);
    const base = { locations: formatted.locations, path: formatted.path };

    if (isClientFacingError(error)) {
      const extensions: Record<string, unknown> = { code: error.apiCode };
      if (error.field) extensions.field = error.field;
      if (error.retryAfterSeconds !== undefined) extensions.retryAfterSeconds = error.retryAfterSeconds;
      // The domain's own code (INVALID_CREDENTIALS, STALE_PREVIEW …), for clients that word the message themselves.
      if (error instanceof DomainException) extensions.reasonCode = error.code;
      return { ...base, message: error.message, extensions };
    }
    if (error instanceof HttpException) {
      const code = httpStatusCode(error.getStatus());
      if (code !== ApiErrorCode.INTERNAL) return { ...base, message: error.message, extensions: { code } };
    }
    const refusedInput = databaseInputError(error);
    if (refusedInput) return { ...base, message: refusedInput.message, extensions: { code: refusedInput.apiCode } };
    const originalCode = formatted.extensions?.code;
    if (typeof originalCode === 'string' && CLIENT_SIDE_CODES.has(originalCode)) {
      const message = options.hideSuggestions ? formatted.message.replace(SUGGESTION, '') : formatted.message;
      // A refusal that names the argument at fault (the query limits do) keeps naming it.
      const field = typeof formatted.extensions?.field === 'string' ? { field: formatted.extensions.field } : {};
      return { ...base, message, extensions: { code: ApiErrorCode.BAD_USER_INPUT, ...field } };
    }
    logger.error({ err: error, path: formatted.path }, 'unexpected error while serving GraphQL');
    return {
      ...base,
      message: 'Internal error; the node has logged the details',
      extensions: { code: ApiErrorCode.INTERNAL },
    };
  };
}
