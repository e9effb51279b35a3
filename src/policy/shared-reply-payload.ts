import type { OffenceCategory, Tlp } from '../kernel/vocabulary/index.js';
import { wireValidator } from '../kernel/wire/wire-schemas.js';

/**
 * What a reply packet carries: an answer to a partner's packet (e.g. to a freeze request). The
 * sender builds it through its outbound policy (reply-evaluation.ts); the receiver checks it against
 * docs/schemas/reply-body.json, the published schema of this body (src/inbound).
 */
export type ReplyPayload = {
  kind: 'reply';
  /** The reference of the case the answered packet carried, for the reader. */
  reference?: string;
  text: string;
  /** The reply inherits the marking of what it answers. */
  tlp: Tlp;
  offenceCategories: OffenceCategory[];
  retentionDays: number;
};

export const replyPayloadSchema = wireValidator<ReplyPayload>('reply-body');
