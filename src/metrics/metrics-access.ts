import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { NodeConfig } from '../config/node-config.schema.js';
import { MetricsException, MetricsExceptionCode } from './metrics.exception.js';

const MIN_TOKEN_LENGTH = 16;

/**
 * Who may read /metrics. The names of partners and the traffic with each are themselves sensitive, so
 * the default is nobody: a scrape token (`metrics.token` / `metrics.tokenFile`) or an explicit
 * `metrics.anonymous: true` turns the endpoint on.
 */
export type MetricsAccess = { kind: 'token'; digest: Buffer } | { kind: 'anonymous' } | { kind: 'off' };

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Reads the configured token (a missing or short token file stops the start, naming the file). */
export function metricsAccessFromConfig(
  metrics: NodeConfig['metrics'],
  readFile: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): MetricsAccess {
  let token = metrics.token;
  if (metrics.tokenFile !== undefined) {
    const file = path.resolve(metrics.tokenFile);
    try {
      token = readFile(file).trim();
    } catch (error) {
      throw new Error(
        `metrics.tokenFile ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        { cause: error },
      );
    }
    if (token.length < MIN_TOKEN_LENGTH)
      throw new Error(`metrics.tokenFile ${file} must hold a token of at least ${MIN_TOKEN_LENGTH} characters`);
  }
  if (token !== undefined) return { kind: 'token', digest: digest(token) };
  return metrics.anonymous ? { kind: 'anonymous' } : { kind: 'off' };
}

/** Throws unless the request may read the metrics; compares tokens in constant time (digests of equal length). */
export function assertMetricsAccess(access: MetricsAccess, authorization: string | undefined): void {
  if (access.kind === 'anonymous') return;
  if (access.kind === 'off') {
    throw new MetricsException(
      'Metrics are off on this node: set metrics.tokenFile (or FEDNODE_METRICS__TOKEN) and scrape with that bearer token',
      MetricsExceptionCode.METRICS_OFF,
    );
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match || !timingSafeEqual(digest(match[1]), access.digest)) {
    throw new MetricsException(
      'Send the scrape token: Authorization: Bearer <metrics token>',
      MetricsExceptionCode.METRICS_TOKEN_REQUIRED,
    );
  }
}
