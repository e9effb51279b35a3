import { wireValidator } from '../kernel/wire/wire-schemas.js';

// What travels between the querying partner and the serving node (see docs/PROTOCOL.md, "Blinded
// hit/no-hit"). Pure shapes and checks, shared by both sides; the shapes are docs/schemas/hit-check-*.json.

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

const setPageSchema = wireValidator<HitCheckSetPage>('hit-check-set-page');
const answerSchema = wireValidator<HitCheckEvaluateResponse>('hit-check-answer');
export const evaluateRequestSchema = wireValidator<HitCheckEvaluateRequest>('hit-check-request');

/** A set page as the partner sent it, checked against docs/schemas/hit-check-set-page.json; undefined if malformed. */
export function parseSetPage(body: unknown): HitCheckSetPage | undefined {
  const parsed = setPageSchema.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

/** The evaluated points of an answer (docs/schemas/hit-check-answer.json), `count` of them, or undefined. */
export function parseEvaluation(body: unknown, count: number): Uint8Array[] | undefined {
  const parsed = answerSchema.safeParse(body);
  if (!parsed.success || parsed.data.evaluated.length !== count) return undefined;
  const points = parsed.data.evaluated.map(decodePoint);
  return points.every((point) => point !== undefined) ? (points as Uint8Array[]) : undefined;
}
