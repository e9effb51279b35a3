/** What a reply packet carries: declared once, by the policy that builds it (src/policy/shared-reply-payload.ts). */
export { replyPayloadSchema, type ReplyPayload } from '../policy/shared-reply-payload.js';
