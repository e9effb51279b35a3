import { createHash } from 'node:crypto';
import { canonicalJsonChecked, type JsonObject } from '../kernel/crypto/canonical-json.js';

// The hash chain of the audit trail, as plain TypeScript: how an entry is hashed, what a checkpoint
// signs, and the walk that finds the first broken link. No database and no Nest here.

/** The previous hash of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);
export const CHAIN_VERSION = 1;
export const CHECKPOINT_PURPOSE = 'fed-node/audit-checkpoint/v1';
export const CHECKPOINT_TYPE = 'AUDIT_CHECKPOINT';

/** What a service records; the chain adds the sequence number, the time and the hashes. */
export interface AuditEvent {
  type: string;
  /** The officer (username), peer node or component behind the event; null for the node itself. */
  actor: string | null;
  /** What the event is about, e.g. SHARE_REQUEST + its id. Never content, never secrets. */
  subjectType: string | null;
  subjectId: string | null;
  details: JsonObject;
}

/** One stored entry of the chain. */
export interface AuditEntryRecord extends AuditEvent {
  seq: number;
  /** ISO 8601 with milliseconds, as hashed. */
  occurredAt: string;
  prevHash: string;
  hash: string;
}

/** The hashed form: every field of the entry except its own hash, canonicalised (RFC 8785). */
export function entryHash(entry: Omit<AuditEntryRecord, 'hash'>): string {
  const canonical = canonicalJsonChecked({
    v: CHAIN_VERSION,
    seq: entry.seq,
    prevHash: entry.prevHash,
    occurredAt: entry.occurredAt,
    type: entry.type,
    actor: entry.actor,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    details: entry.details,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The next entry after `head` (null for an empty chain). */
export function nextEntry(
  head: { seq: number; hash: string } | null,
  occurredAt: Date,
  event: AuditEvent,
): AuditEntryRecord {
  const unsigned = {
    ...event,
    seq: (head?.seq ?? 0) + 1,
    occurredAt: occurredAt.toISOString(),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  return { ...unsigned, hash: entryHash(unsigned) };
}

/** The statement a checkpoint signs: "entry `seq` of node `nodeId`'s trail has hash `hash`". */
export interface CheckpointStatement {
  purpose: typeof CHECKPOINT_PURPOSE;
  nodeId: string;
  seq: number;
  hash: string;
  signedAt: string;
}

export function checkpointBytes(statement: CheckpointStatement): Uint8Array {
  return new TextEncoder().encode(canonicalJsonChecked({ ...statement }));
}

/** The details of a checkpoint entry: the statement, its Ed25519 signature and the certificate of the key. */
export interface CheckpointDetails {
  coversSeq: number;
  coversHash: string;
  signedAt: string;
  nodeId: string;
  keyId: string;
  certificateFingerprint: string;
  certificate: string;
  /** base64 Ed25519 signature of checkpointBytes(statement). */
  signature: string;
}

export function checkpointStatement(details: CheckpointDetails): CheckpointStatement {
  return {
    purpose: CHECKPOINT_PURPOSE,
    nodeId: details.nodeId,
    seq: details.coversSeq,
    hash: details.coversHash,
    signedAt: details.signedAt,
  };
}

/** Checks a checkpoint's certificate and signature; returns what is wrong, or null. */
export type CheckpointCheck = (details: CheckpointDetails) => string | null;

export interface ChainBreak {
  seq: number;
  problem: string;
}

export interface ChainSummary {
  entries: number;
  checkpoints: number;
  headSeq: number;
  headHash: string;
  headOccurredAt: string | null;
  lastCheckpointSeq: number | null;
  lastCheckpointAt: string | null;
  /** Entries after the last valid checkpoint: not yet vouched for by a signature. */
  uncheckpointed: number;
  firstBreak: ChainBreak | null;
}

function isCheckpointDetails(value: JsonObject): boolean {
  const text = ['coversHash', 'signedAt', 'nodeId', 'keyId', 'certificateFingerprint', 'certificate', 'signature'];
  return typeof value.coversSeq === 'number' && text.every((key) => typeof value[key] === 'string');
}

/**
 * Walks the chain in sequence order and stops at the first broken link. Catches an altered entry
 * (its hash no longer matches, or, if rehashed, the next link or a checkpoint does not), a deleted one
 * (a gap), an inserted one (the entry after it still points at the one before) and a reordering (the
 * sequence numbers are hashed). Truncation after the last checkpoint is the one thing a chain alone
 * cannot show; see `expectedCheckpoints` in the verifier.
 */
export class AuditChainWalker {
  private count = 0;
  private checkpoints = 0;
  private head: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  /** The hash before the head, to recognise an inserted entry. */
  private beforeHead: string | null = null;
  private headOccurredAt: string | null = null;
  private lastCheckpointSeq: number | null = null;
  private lastCheckpointAt: string | null = null;
  private broken: ChainBreak | null = null;

  constructor(private readonly checkCheckpoint: CheckpointCheck) {}

  get isBroken(): boolean {
    return this.broken !== null;
  }

  /** Feeds the next entry in ascending seq order; ignored after the first break. */
  push(entry: AuditEntryRecord): void {
    if (this.broken) return;
    const problem = this.problemWith(entry);
    if (problem) {
      this.broken = problem;
      return;
    }
    this.count += 1;
    if (entry.type === CHECKPOINT_TYPE) {
      this.checkpoints += 1;
      this.lastCheckpointSeq = entry.seq;
      this.lastCheckpointAt = entry.occurredAt;
    }
    this.headOccurredAt = entry.occurredAt;
    this.beforeHead = this.head.hash;
    this.head = { seq: entry.seq, hash: entry.hash };
  }

  summary(): ChainSummary {
    return {
      entries: this.count,
      checkpoints: this.checkpoints,
      headSeq: this.head.seq,
      headHash: this.head.hash,
      headOccurredAt: this.headOccurredAt,
      lastCheckpointSeq: this.lastCheckpointSeq,
      lastCheckpointAt: this.lastCheckpointAt,
      uncheckpointed: this.head.seq - (this.lastCheckpointSeq ?? 0),
      firstBreak: this.broken,
    };
  }

  private problemWith(entry: AuditEntryRecord): ChainBreak | null {
    const expected = this.head.seq + 1;
    if (entry.seq > expected) {
      const missing =
        entry.seq - expected === 1
          ? `entry ${expected} is missing`
          : `entries ${expected}–${entry.seq - 1} are missing`;
      return { seq: expected, problem: `${missing} (deleted?): the chain jumps from ${this.head.seq} to ${entry.seq}` };
    }
    if (entry.seq < expected) return { seq: entry.seq, problem: `entry ${entry.seq} appears twice or out of order` };
    if (entry.prevHash !== this.head.hash) {
      const inserted = this.beforeHead !== null && entry.prevHash === this.beforeHead;
      return {
        seq: entry.seq,
        problem: inserted
          ? `entry ${entry.seq} points at entry ${entry.seq - 2}, not at ${entry.seq - 1}: entry ${entry.seq - 1} was inserted, or the entries were renumbered`
          : `entry ${entry.seq} does not link to entry ${this.head.seq}: its previous hash is ${entry.prevHash}, expected ${this.head.hash} (entries reordered, replaced or altered and rehashed)`,
      };
    }
    if (entryHash(entry) !== entry.hash) {
      return {
        seq: entry.seq,
        problem: `entry ${entry.seq} does not match its hash: its content was altered (or it was moved from another position)`,
      };
    }
    if (entry.type === CHECKPOINT_TYPE) return this.checkpointProblem(entry);
    return null;
  }

  private checkpointProblem(entry: AuditEntryRecord): ChainBreak | null {
    const fail = (problem: string): ChainBreak => ({ seq: entry.seq, problem: `checkpoint ${entry.seq}: ${problem}` });
    if (!isCheckpointDetails(entry.details)) return fail('its details are not a checkpoint');
    const details = entry.details as unknown as CheckpointDetails;
    if (details.coversSeq !== this.head.seq || details.coversHash !== this.head.hash) {
      return fail(
        `it vouches for entry ${details.coversSeq} with hash ${details.coversHash}, but the chain has entry ${this.head.seq} with hash ${this.head.hash}`,
      );
    }
    const problem = this.checkCheckpoint(details);
    return problem ? fail(problem) : null;
  }
}
