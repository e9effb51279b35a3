import pino, { Logger } from 'pino';

/** Never logged, wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'passphrase',
  '*.passphrase',
  'secret',
  '*.secret',
];

export function createLogger(options: { level: string; nodeId: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { node: options.nodeId },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
