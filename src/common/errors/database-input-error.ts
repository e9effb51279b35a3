import { ApiErrorCode, type ClientFacingError } from './api-error-code.js';

/** PostgreSQL error codes that only a value sent by the client can cause (an id that is not a UUID, a NUL character). */
const MESSAGES: Record<string, (detail: string) => string> = {
  // invalid_text_representation: e.g. invalid input syntax for type uuid: "abc"
  '22P02': (detail) =>
    /uuid/i.test(detail)
      ? 'An id in the request is not a valid id (a UUID is expected)'
      : 'A value in the request is not well-formed for its field',
  // character_not_in_repertoire (text) and untranslatable_character (jsonb \u0000)
  '22021': () => 'Text in the request contains a character that cannot be stored (U+0000)',
  '22P05': () => 'Text in the request contains a character that cannot be stored (U+0000)',
};

/**
 * A database refusal caused by the client's input, as a clear BAD_USER_INPUT instead of INTERNAL.
 * The database's own message (which quotes SQL types) never leaves the node.
 */
export function databaseInputError(error: unknown): ClientFacingError | undefined {
  if (!(error instanceof Error)) return undefined;
  const driver = (error as { driverError?: unknown }).driverError ?? error;
  const code = (driver as { code?: unknown }).code;
  const message = typeof code === 'string' ? MESSAGES[code] : undefined;
  if (!message) return undefined;
  return {
    apiCode: ApiErrorCode.BAD_USER_INPUT,
    message: message(String((driver as { message?: unknown }).message ?? '')),
  };
}
