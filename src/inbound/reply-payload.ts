import { z } from 'zod';
import { OFFENCE_CATEGORIES, TLP_LEVELS } from '../cases/case-content.js';

/** What a reply packet carries: an answer to a partner's packet (e.g. to a freeze request). */
export const replyPayloadSchema = z.strictObject({
  kind: z.literal('reply'),
  /** The reference of the case the answered packet carried, for the reader. */
  reference: z.string().min(1).max(64).optional(),
  text: z.string().min(1).max(20_000),
  /** The reply inherits the marking of what it answers. */
  tlp: z.enum(TLP_LEVELS),
  offenceCategories: z.array(z.enum(OFFENCE_CATEGORIES)).min(1),
  retentionDays: z.number().int().min(1).max(3650),
});

export type ReplyPayload = z.infer<typeof replyPayloadSchema>;
