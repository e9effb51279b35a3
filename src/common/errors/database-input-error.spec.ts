import { QueryFailedError } from 'typeorm';
import { ApiErrorCode } from './api-error-code.js';
import { databaseInputError } from './database-input-error.js';

function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('databaseInputError', () => {
  it('turns an id PostgreSQL cannot read as a UUID into BAD_USER_INPUT without the SQL', () => {
    const error = new QueryFailedError(
      'SELECT * FROM received_packet WHERE packet_id = $1',
      ['abc'],
      pgError('22P02', 'invalid input syntax for type uuid: "abc"'),
    );
    expect(databaseInputError(error)).toEqual({
      apiCode: ApiErrorCode.BAD_USER_INPUT,
      message: 'An id in the request is not a valid id (a UUID is expected)',
    });
  });

  it('names a NUL character in text or JSON', () => {
    expect(databaseInputError(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))?.message).toMatch(
      /U\+0000/,
    );
    expect(databaseInputError(pgError('22P05', 'unsupported Unicode escape sequence'))?.message).toMatch(/U\+0000/);
  });

  it('leaves every other failure alone (it stays INTERNAL)', () => {
    expect(databaseInputError(pgError('42P01', 'relation "officer_account" does not exist'))).toBeUndefined();
    expect(databaseInputError(new Error('boom'))).toBeUndefined();
    expect(databaseInputError('not an error')).toBeUndefined();
  });
});
