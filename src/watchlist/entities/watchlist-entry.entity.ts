import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IdentifierType, OffenceCategory } from '../../kernel/vocabulary/index.js';
import type { Severity } from '../watchlist-entry.js';

/**
 * The latest version we hold of one watchlist entry (ours or a partner's), with the origin's
 * signature, so that we can verify it again and pass it on unchanged. Keyed by origin and entry id.
 */
@Entity({ name: 'watchlist_entry' })
export class WatchlistEntryRow {
  @PrimaryColumn({ type: 'text' })
  origin!: string;

  @PrimaryColumn({ name: 'entry_id', type: 'uuid' })
  entryId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'identifier_type', type: 'text' })
  identifierType!: IdentifierType;

  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'offence_category', type: 'text' })
  offenceCategory!: OffenceCategory;

  @Column({ type: 'text' })
  severity!: Severity;

  @Column({ name: 'case_reference', type: 'text', nullable: true })
  caseReference!: string | null;

  @Column({ name: 'valid_until', type: 'timestamptz' })
  validUntil!: Date;

  @Column({ type: 'boolean' })
  revoked!: boolean;

  /** The origin's time of this version (signed), not when we stored it. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'text' })
  signature!: string;

  @Column({ name: 'certificate_fingerprint', type: 'text' })
  certificateFingerprint!: string;

  /** The peer that delivered the version we hold; null for our own entries. */
  @Column({ name: 'received_from', type: 'text', nullable: true })
  receivedFrom!: string | null;

  /** Partners the origin allowed us to relay this entry to (see watchlist-relay.ts). */
  @Column({ name: 'onward_to', type: 'text', array: true })
  onwardTo!: string[];

  /** The targets of the relay grant the origin signed for us with this version (protocol 2); null: none. */
  @Column({ name: 'relay_grant_to', type: 'text', array: true, nullable: true })
  relayGrantTo!: string[] | null;

  /** The origin's signature of that grant (base64url). */
  @Column({ name: 'relay_grant_signature', type: 'text', nullable: true })
  relayGrantSignature!: string | null;

  /** The officer behind the version, for our own entries. */
  @Column({ name: 'changed_by', type: 'text', nullable: true })
  changedBy!: string | null;

  /** Our change feed position (bigint, as a decimal string); set by the database on every write. */
  @Column({ name: 'change_seq', type: 'bigint' })
  changeSeq!: string;

  @Column({ name: 'stored_at', type: 'timestamptz' })
  storedAt!: Date;
}
