import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RemovedField } from '../../policy/case-redaction.js';
import type { ReplyDraft } from '../../policy/reply-evaluation.js';
import type { SharedCasePayload } from '../../policy/shared-case-payload.js';
import type { ReplyPayload } from '../../policy/shared-reply-payload.js';
import type { ShareStatus } from '../share-status.js';

/** An analyst's request to share one case with one partner, and what the liaison officer decided. */
@Entity({ name: 'share_request' })
export class ShareRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', default: 'CASE' })
  kind!: 'CASE' | 'REPLY';

  /** The local case shared; null for a reply to a partner's packet. */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  /** For a reply: the partner's packet it answers. */
  @Column({ name: 'in_reply_to', type: 'uuid', nullable: true })
  inReplyTo!: string | null;

  @Column({ name: 'partner_id', type: 'text' })
  partnerId!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Who asked for what the preview now holds: the analyst who requested it, or whoever refreshed it since. */
  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  /** Officers who requested or refreshed it before the current requester: none of them may decide it. */
  @Column({ name: 'previous_requesters', type: 'text', array: true, default: () => "'{}'" })
  previousRequesters!: string[];

  @Column({ type: 'text' })
  status!: ShareStatus;

  /** The case revision and policy version the preview was computed from. */
  @Column({ name: 'case_revision', type: 'int' })
  caseRevision!: number;

  /** The case revision when the share was first requested: whoever changed the case after may not approve it. */
  @Column({ name: 'requested_case_revision', type: 'int', nullable: true })
  requestedCaseRevision!: number | null;

  /** For a reply: the text as written and what it inherits from the packet it answers, before policy. */
  @Column({ name: 'reply_draft', type: 'jsonb', nullable: true })
  replyDraft!: ReplyDraft | null;

  @Column({ name: 'policy_version', type: 'int', nullable: true })
  policyVersion!: number | null;

  @Column({ name: 'policy_reasons', type: 'jsonb' })
  policyReasons!: string[];

  /** Exactly what would leave the node; sealed as is on approval. */
  @Column({ type: 'jsonb', nullable: true })
  preview!: SharedCasePayload | ReplyPayload | null;

  @Column({ type: 'jsonb' })
  removed!: RemovedField[];

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  decisionComment!: string | null;

  @Column({ name: 'packet_id', type: 'uuid', nullable: true })
  packetId!: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'preview_computed_at', type: 'timestamptz' })
  previewComputedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
