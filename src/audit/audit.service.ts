import type { DataSource, EntityManager } from 'typeorm';
import { systemClock, type Clock } from '../common/clock.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import type { JsonObject, JsonValue } from '../kernel/crypto/canonical-json.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';
import { CHECKPOINT_TYPE, nextEntry, type AuditEntryRecord } from './audit-chain.js';
import { signCheckpoint, type CheckpointSigner } from './audit-checkpoint.js';
import { AuditEventType } from './audit-event-type.js';
import { AuditEntry } from './entities/audit-entry.entity.js';

/** What a service says happened. Details name records by id and reference: never content, never secrets. */
export interface AuditRecord {
  type: AuditEventType;
  actor?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  details?: Record<string, JsonValue | undefined>;
}

export interface AuditServiceOptions {
  /** Sign a checkpoint once this many entries follow the last one (0: only by time). */
  checkpointEveryEntries: number;
}

/** One lock for the whole chain, so that appends from every replica of the node form one line. */
const CHAIN_LOCK = "SELECT pg_advisory_xact_lock(hashtext('audit_chain'))";

/**
 * Appends events to the audit chain. An event of a business transaction is appended inside it (the
 * caller's transaction context), so it is recorded exactly when the change commits; the chain lock is
 * then held until that commit, so callers append last, after their own row locks and never before a
 * network call. Outside a transaction the event gets one of its own (a failed login, a key rotation).
 */
export class AuditService {
  private signer?: () => CheckpointSigner;

  constructor(
    private readonly tx: TransactionContext,
    private readonly clock: Clock,
    private readonly options: AuditServiceOptions,
  ) {}

  /** Lets the node sign checkpoints; a CLI appending without the node's key leaves them to the node. */
  useCheckpointSigner(signer: () => CheckpointSigner): void {
    this.signer = signer;
  }

  record(event: AuditRecord): Promise<AuditEntryRecord> {
    return this.tx.run(() => this.append(event, this.tx.manager));
  }

  private async append(event: AuditRecord, manager: EntityManager): Promise<AuditEntryRecord> {
    await manager.query(CHAIN_LOCK);
    // Everything until COMMIT holds the chain's lock for every writer of the node: as few round trips as can be.
    const head = await this.headAndLastCheckpoint(manager);
    const entry = nextEntry(head, this.clock.now(), {
      type: event.type,
      actor: storable(event.actor ?? null),
      subjectType: storable(event.subjectType ?? null),
      subjectId: storable(event.subjectId ?? null),
      details: storable(withoutUndefined(event.details ?? {})),
    });
    await insert(manager, entry);
    const every = this.options.checkpointEveryEntries;
    if (this.signer && every > 0 && entry.seq - (head?.lastCheckpointSeq ?? 0) >= every)
      await this.appendCheckpoint(manager, entry);
    return entry;
  }

  /** Signs the chain up to its head if anything follows the last checkpoint; returns the checkpoint, if one was made. */
  async checkpoint(): Promise<AuditEntryRecord | null> {
    if (!this.signer) return null;
    return this.tx.run(async () => {
      const manager = this.tx.manager;
      await manager.query(CHAIN_LOCK);
      const head = await this.head(manager);
      if (!head || head.type === CHECKPOINT_TYPE) return null;
      return this.appendCheckpoint(manager, head);
    });
  }

  /** The newest committed checkpoint entry, for the anchor file. */
  async latestCheckpoint(): Promise<{ seq: number; hash: string; signedAt: string } | null> {
    const [row] = (await this.tx.manager.query(
      'SELECT seq::text AS cp_seq, hash, occurred_at FROM audit_entry WHERE type = $1 ORDER BY audit_entry.seq DESC LIMIT 1',
      [CHECKPOINT_TYPE],
    )) as {
      cp_seq: string;
      hash: string;
      occurred_at: Date;
    }[];
    return row ? { seq: Number(row.cp_seq), hash: row.hash, signedAt: row.occurred_at.toISOString() } : null;
  }

  private async appendCheckpoint(
    manager: EntityManager,
    head: { seq: number; hash: string },
  ): Promise<AuditEntryRecord> {
    const signer = this.signer!();
    const now = this.clock.now();
    const details = signCheckpoint(await sodiumReady(), signer, head, now);
    const entry = nextEntry(head, now, {
      type: CHECKPOINT_TYPE,
      actor: null,
      subjectType: 'AUDIT_LOG',
      subjectId: String(head.seq),
      details: { ...details },
    });
    await insert(manager, entry);
    return entry;
  }

  private async head(manager: EntityManager): Promise<{ seq: number; hash: string; type: string } | null> {
    const [row] = (await manager.query(
      'SELECT seq::text AS head_seq, hash, type FROM audit_entry ORDER BY audit_entry.seq DESC LIMIT 1',
    )) as { head_seq: string; hash: string; type: string }[];
    return row ? { seq: Number(row.head_seq), hash: row.hash, type: row.type } : null;
  }

  /** The head, and the seq of the last checkpoint (0 when none), in one round trip. */
  private async headAndLastCheckpoint(
    manager: EntityManager,
  ): Promise<{ seq: number; hash: string; type: string; lastCheckpointSeq: number } | null> {
    const [row] = (await manager.query(
      `SELECT seq::text AS head_seq, hash, type,
              (SELECT coalesce(max(c.seq), 0)::text FROM audit_entry c WHERE c.type = $1) AS checkpoint_seq
       FROM audit_entry ORDER BY audit_entry.seq DESC LIMIT 1`,
      [CHECKPOINT_TYPE],
    )) as { head_seq: string; hash: string; type: string; checkpoint_seq: string }[];
    return row
      ? { seq: Number(row.head_seq), hash: row.hash, type: row.type, lastCheckpointSeq: Number(row.checkpoint_seq) }
      : null;
  }
}

/**
 * Events carry what callers sent (a hostile login name with a lone surrogate or a NUL): such text is
 * still recorded, with U+FFFD in place of what neither canonical JSON nor PostgreSQL text can hold.
 */
function storable<T extends JsonValue | null>(value: T): T {
  if (typeof value === 'string')
    return (value as string & { toWellFormed(): string }).toWellFormed().replace(/\u0000/g, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map((item) => storable(item)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
  return value;
}

function withoutUndefined(details: Record<string, JsonValue | undefined>): JsonObject {
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)) as JsonObject;
}

async function insert(manager: EntityManager, entry: AuditEntryRecord): Promise<void> {
  await manager.query(
    `INSERT INTO audit_entry (seq, occurred_at, type, actor, subject_type, subject_id, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`,
    [
      entry.seq,
      entry.occurredAt,
      entry.type,
      entry.actor,
      entry.subjectType,
      entry.subjectId,
      JSON.stringify(entry.details),
      entry.prevHash,
      entry.hash,
    ],
  );
}

/** A stored row as the chain sees it. */
export function recordOf(row: AuditEntry): AuditEntryRecord {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurredAt.toISOString(),
    type: row.type,
    actor: row.actor,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    details: row.details as JsonObject,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** For tools outside the node (the user CLI, test set-up): appends without signing; the node signs the next checkpoint. */
export function standaloneAuditService(db: DataSource, clock: Clock = systemClock): AuditService {
  return new AuditService(TransactionContext.of(db), clock, { checkpointEveryEntries: 0 });
}
