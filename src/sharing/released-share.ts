import type { SharedCasePayload } from '../policy/shared-case-payload.js';
import type { ShareRequest } from './entities/share-request.entity.js';

/** An approved share of a case: its preview is the case payload that was sealed. */
export type ReleasedShare = ShareRequest & { caseId: string; preview: SharedCasePayload };

export function isReleasedCase(row: ShareRequest): row is ReleasedShare {
  return row.caseId !== null && row.preview !== null && 'title' in row.preview;
}
