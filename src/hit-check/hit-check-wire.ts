// What travels between the querying partner and the serving node (see docs/PROTOCOL.md, "Blinded
// hit/no-hit"). Pure shapes and checks, shared by both sides.

export const HIT_CHECK_PATH = '/federation/v1/hit-check';
export const HIT_CHECK_SET_PATH = '/federation/v1/hit-check/set';
/** Blinded elements per evaluation call. */
export const MAX_BLINDED_PER_CALL = 1000;
export const SET_PAGE = 1000;

export interface HitCheckEvaluateRequest {
  blinded: string[];
}

export interface HitCheckEvaluateResponse {
  evaluated: string[];
}

export interface HitCheckSetItem {
  /** base64url F(k, TYPE:value) of one of the serving node's live entries. */
  output: string;
  /** Opaque, per partner: the serving node alone maps it to an entry. */
  reference: string;
}

export interface HitCheckSetPage {
  items: HitCheckSetItem[];
  /** Pass as `after` for the next page. */
  nextCursor: string;
  hasMore: boolean;
}

const POINT_B64 = /^[A-Za-z0-9_-]{43}$/;

/** 32 bytes from unpadded base64url, or undefined. */
export function decodePoint(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || !POINT_B64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.length === 32 ? new Uint8Array(bytes) : undefined;
}

export function encodeBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** A set page as the partner sent it, checked field by field; undefined if it is malformed. */
export function parseSetPage(body: unknown): HitCheckSetPage | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { items, nextCursor, hasMore } = body as Record<string, unknown>;
  if (!Array.isArray(items) || typeof nextCursor !== 'string' || typeof hasMore !== 'boolean') return undefined;
  const parsed: HitCheckSetItem[] = [];
  for (const item of items as unknown[]) {
    const { output, reference } = (item ?? {}) as Record<string, unknown>;
    if (decodePoint(output) === undefined || typeof reference !== 'string' || reference.length > 64) return undefined;
    parsed.push({ output: output as string, reference });
  }
  return { items: parsed, nextCursor, hasMore };
}
