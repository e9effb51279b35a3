import { Injectable } from '@nestjs/common';
import { In, QueryFailedError } from 'typeorm';
import { AlertService } from '../alerts/alert.service.js';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { caseContentSchema, type CaseAttachment, type CaseContent, type CaseIdentifier } from './case-content.js';
import { inputExceptionFromZod } from '../common/errors/zod-input.js';
import { CaseException, CaseExceptionCode } from './case.exception.js';
import { caseContentFromInput } from './case-input.mapper.js';
import type { CaseInput } from './dto/case-content.types.js';
import { CaseEdit, type CaseChange } from './entities/case-edit.entity.js';
import { IntelCase } from './entities/intel-case.entity.js';
import { TransactionContext } from '../common/database/transaction-context.js';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class CaseService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly alerts: AlertService,
    private readonly audit: AuditService,
  ) {}

  private get cases() {
    return this.tx.manager.getRepository(IntelCase);
  }

  async create(input: CaseInput, officer: AuthenticatedOfficer): Promise<IntelCase> {
    const content = caseContentFromInput(input, []);
    return this.inTransaction(async () => {
      const row = this.cases.create({
        reference: content.reference,
        title: content.title,
        tlp: content.tlp,
        content,
        revision: 1,
        createdBy: officer.username,
        updatedBy: officer.username,
      });
      const saved = await this.cases.save(row);
      await this.indexIdentifiers(saved.id, content);
      await this.recordEdit(saved, 'CREATED', officer, {}, { raiseAlerts: true });
      return saved;
    }, content.reference);
  }

  /** Replaces the analyst-written content; attachments stay. `expectedRevision` guards against lost updates. */
  async update(
    id: string,
    input: CaseInput,
    officer: AuthenticatedOfficer,
    expectedRevision?: number,
  ): Promise<IntelCase> {
    return this.inTransaction(async () => {
      const row = await this.lockedCase(id);
      if (expectedRevision !== undefined && expectedRevision !== row.revision) {
        throw new CaseException(
          `Case ${row.reference} is at revision ${row.revision}, not ${expectedRevision}: someone else changed it; reload it`,
          CaseExceptionCode.REVISION_CONFLICT,
        );
      }
      const content = caseContentFromInput(input, row.content.attachments);
      Object.assign(row, {
        reference: content.reference,
        title: content.title,
        tlp: content.tlp,
        content,
        revision: row.revision + 1,
        updatedBy: officer.username,
      });
      const saved = await this.cases.save(row);
      await this.indexIdentifiers(saved.id, content);
      await this.recordEdit(saved, 'CONTENT', officer, {}, { raiseAlerts: true });
      return saved;
    }, input.reference);
  }

  /**
   * Appends already validated and normalised identifiers (a STIX import) to the case content, as one
   * new revision; the caller's transaction decides whether it sticks.
   */
  async addIdentifiers(
    caseId: string,
    identifiers: CaseIdentifier[],
    officer: AuthenticatedOfficer,
  ): Promise<IntelCase> {
    const row = await this.lockedCase(caseId);
    const parsed = caseContentSchema.safeParse({
      ...row.content,
      identifiers: [...row.content.identifiers, ...identifiers],
    });
    if (!parsed.success) throw inputExceptionFromZod(parsed.error, 'identifiers');
    Object.assign(row, {
      content: parsed.data as CaseContent,
      revision: row.revision + 1,
      updatedBy: officer.username,
    });
    const saved = await this.cases.save(row);
    await this.indexIdentifiers(saved.id, saved.content);
    await this.recordEdit(
      saved,
      'IDENTIFIERS_IMPORTED',
      officer,
      { identifiers: identifiers.length },
      { raiseAlerts: true },
    );
    return saved;
  }

  /** Adds an attachment's metadata to the case content (the file itself is already stored). */
  async addAttachment(caseId: string, attachment: CaseAttachment, officer: AuthenticatedOfficer): Promise<IntelCase> {
    const row = await this.lockedCase(caseId);
    row.content = { ...row.content, attachments: [...row.content.attachments, attachment] };
    row.revision += 1;
    row.updatedBy = officer.username;
    const saved = await this.cases.save(row);
    await this.recordEdit(saved, 'ATTACHMENT_ADDED', officer, { attachmentId: attachment.id });
    return saved;
  }

  async get(id: string): Promise<IntelCase> {
    const row = await this.cases.findOneBy({ id });
    if (!row) throw new CaseException(`No case with id ${id}`, CaseExceptionCode.CASE_NOT_FOUND);
    return row;
  }

  list(first: number, offset: number): Promise<IntelCase[]> {
    return this.cases.find({
      order: { updatedAt: 'DESC' },
      take: Math.min(Math.max(first, 1), 200),
      skip: Math.max(offset, 0),
    });
  }

  /** Reference and revision of each case, to tell whether a preview made from it is stale. */
  async revisions(ids: string[]): Promise<Map<string, { reference: string; revision: number }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.cases.find({
      select: { id: true, reference: true, revision: true },
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(rows.map((row) => [row.id, { reference: row.reference, revision: row.revision }]));
  }

  /** Who made a revision of the case after `revision` (for four eyes: did the approver write what leaves?). */
  async editorsSince(caseId: string, revision: number): Promise<string[]> {
    const rows = await this.tx.manager
      .getRepository(CaseEdit)
      .createQueryBuilder('e')
      .select('DISTINCT e.edited_by', 'editor')
      .where('e.case_id = :caseId AND e.revision > :revision', { caseId, revision })
      .getRawMany<{ editor: string }>();
    return rows.map((row) => row.editor);
  }

  /** The case, locked until the current transaction ends (callers run inside one). */
  async lockedCase(id: string): Promise<IntelCase> {
    const row = await this.cases.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new CaseException(`No case with id ${id}`, CaseExceptionCode.CASE_NOT_FOUND);
    return row;
  }

  /**
   * Every change to a case is on record: who made which revision, in the case and on the audit trail.
   * Alerts (for identifiers partners already sent) are raised here, after the case's own rows: raising
   * and the audit chain each take a lock every writer of the node shares, held until COMMIT, so they
   * come last.
   */
  private async recordEdit(
    row: IntelCase,
    change: CaseChange,
    officer: AuthenticatedOfficer,
    details: Record<string, string | number> = {},
    { raiseAlerts }: { raiseAlerts: boolean } = { raiseAlerts: false },
  ): Promise<void> {
    await this.tx.manager
      .getRepository(CaseEdit)
      .insert({ caseId: row.id, revision: row.revision, editedBy: officer.username, change });
    // Same transaction: an identifier partners already sent raises its alert exactly when the case holds it
    // (created, edited, or added by a STIX import).
    if (raiseAlerts) await this.alerts.raiseForLocalCase(row.id, row.content.reference, row.content.identifiers);
    await this.audit.record({
      type: change === 'CREATED' ? AuditEventType.CASE_CREATED : AuditEventType.CASE_UPDATED,
      actor: officer.username,
      subjectType: 'CASE',
      subjectId: row.id,
      details: { reference: row.reference, revision: row.revision, change, ...details },
    });
  }

  private async indexIdentifiers(caseId: string, content: CaseContent): Promise<void> {
    const manager = this.tx.manager;
    await manager.query('DELETE FROM case_identifier WHERE case_id = $1', [caseId]);
    if (content.identifiers.length === 0) return;
    await manager.query(
      `INSERT INTO case_identifier (case_id, identifier_id, type, value)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
      [
        caseId,
        content.identifiers.map((i) => i.id),
        content.identifiers.map((i) => i.type),
        content.identifiers.map((i) => i.value),
      ],
    );
  }

  private async inTransaction<T>(work: () => Promise<T>, reference: string): Promise<T> {
    try {
      return await this.tx.run(work);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new CaseException(
          `A case with reference "${reference}" already exists`,
          CaseExceptionCode.REFERENCE_TAKEN,
        );
      }
      throw error;
    }
  }
}
