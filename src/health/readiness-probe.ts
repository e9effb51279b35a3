import type { NodeConfig } from '../config/node-config.schema.js';

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/** Where a probe on the same machine reaches the officers' port: loopback when the node listens on every address. */
export function readinessUrl(listen: NodeConfig['listen']): string {
  const host = WILDCARDS.has(listen.host) ? '127.0.0.1' : listen.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${listen.port}/health/ready`;
}

/** Asks the node's /health/ready; ok only for a 200 within the time limit. */
export async function probeReadiness(
  listen: NodeConfig['listen'],
  timeoutMs: number,
): Promise<{ ok: boolean; message: string }> {
  const url = readinessUrl(listen);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await response.text();
    return { ok: response.status === 200, message: `${url} answered ${response.status} ${body.slice(0, 200)}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    return { ok: false, message: `${url} did not answer: ${cause}` };
  }
}
