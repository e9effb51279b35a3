import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { closeAfterResponse } from '../http/lingering-close.js';
import { ApiErrorCode, isClientFacingError, type ClientFacingError } from './api-error-code.js';
import { databaseInputError } from './database-input-error.js';
import { PayloadTooLargeException } from './payload-too-large.exception.js';

/** The body of every HTTP (non-GraphQL) error answer. */
export interface HttpErrorBody {
  error: { code: ApiErrorCode; message: string; field?: string };
}

interface HttpErrorAnswer {
  status: number;
  body: HttpErrorBody;
  retryAfterSeconds?: number;
}

const INTERNAL_MESSAGE = 'Internal error; the node has logged the details';

const STATUS_OF: Record<ApiErrorCode, number> = {
  [ApiErrorCode.BAD_USER_INPUT]: HttpStatus.BAD_REQUEST,
  [ApiErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ApiErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ApiErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ApiErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ApiErrorCode.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [ApiErrorCode.INTERNAL]: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** The HTTP status a client-facing error is answered with on a plain HTTP endpoint. */
export function httpStatusOf(code: ApiErrorCode): number {
  return STATUS_OF[code];
}

function codeOfStatus(status: number): ApiErrorCode {
  const code = (Object.keys(STATUS_OF) as ApiErrorCode[]).find((candidate) => STATUS_OF[candidate] === status);
  if (code) return code;
  return status >= 400 && status < 500 ? ApiErrorCode.BAD_USER_INPUT : ApiErrorCode.INTERNAL;
}

/** Errors from Express middleware (body-parser): `http-errors` objects whose 4xx messages are meant for clients. */
function exposedHttpError(error: unknown): { status: number; message: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, expose, message } = error as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof status !== 'number' || expose !== true || typeof message !== 'string') return undefined;
  return status >= 400 && status < 500 ? { status, message } : undefined;
}

function fromClientFacing(error: ClientFacingError): HttpErrorAnswer {
  if (error.apiCode === ApiErrorCode.INTERNAL) return internal();
  const status = error instanceof PayloadTooLargeException ? HttpStatus.PAYLOAD_TOO_LARGE : STATUS_OF[error.apiCode];
  const body: HttpErrorBody = {
    error: { code: error.apiCode, message: error.message, ...(error.field ? { field: error.field } : {}) },
  };
  return { status, body, retryAfterSeconds: error.retryAfterSeconds };
}

function internal(status: number = HttpStatus.INTERNAL_SERVER_ERROR): HttpErrorAnswer {
  return { status, body: { error: { code: ApiErrorCode.INTERNAL, message: INTERNAL_MESSAGE } } };
}

/**
 * The HTTP twin of the GraphQL error formatter: every error from a controller (or from the guard or
 * the body parsers) becomes `{ "error": { code, message, field? } }` with a matching status. Unknown
 * errors are logged here and answered with a generic INTERNAL: no stack trace, SQL or path leaves.
 * GraphQL errors are re-thrown untouched so that the GraphQL formatter keeps handling them.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<string>() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<IncomingMessage>();
    const response = http.getResponse<ServerResponse>();
    if (response.destroyed || request.socket.destroyed) {
      // The client went away (an upload cut off midway): nobody to answer, nothing unexpected.
      this.logger.info(
        { err: exception, method: request.method, path: pathOf(request) },
        'client closed the connection before the answer',
      );
      return;
    }
    const answer = this.answerFor(exception, request);

    if (response.headersSent) {
      // Too late for an error body (a download already streaming): cut the connection so the client
      // sees a failure, never a silently truncated success.
      this.logger.warn(
        { err: exception, path: pathOf(request) },
        'error after the response started; connection closed',
      );
      response.destroy();
      return;
    }
    // A request body nobody has read (refused before or while streaming an upload): do not drain
    // megabytes to keep the connection alive; answer, then close.
    if (!request.complete) closeAfterResponse(request, response);
    if (answer.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(Math.max(0, Math.ceil(answer.retryAfterSeconds))));
    response.statusCode = answer.status;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    response.end(JSON.stringify(answer.body));
  }

  private answerFor(exception: unknown, request: IncomingMessage): HttpErrorAnswer {
    if (isClientFacingError(exception)) {
      const answer = fromClientFacing(exception);
      if (answer.status >= 500) this.logUnexpected(exception, request);
      return answer;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) return { status, body: { error: { code: codeOfStatus(status), message: exception.message } } };
      this.logUnexpected(exception, request);
      return internal(status);
    }
    const refusedInput = databaseInputError(exception);
    if (refusedInput) return fromClientFacing(refusedInput);
    const exposed = exposedHttpError(exception);
    if (exposed) {
      return {
        status: exposed.status,
        body: { error: { code: codeOfStatus(exposed.status), message: exposed.message } },
      };
    }
    this.logUnexpected(exception, request);
    return internal();
  }

  private logUnexpected(exception: unknown, request: IncomingMessage): void {
    this.logger.error(
      { err: exception, method: request.method, path: pathOf(request) },
      'unexpected error while serving HTTP',
    );
  }
}

function pathOf(request: IncomingMessage): string {
  return (request.url ?? '').split('?')[0];
}
