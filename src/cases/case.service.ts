import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, Repository } from 'typeorm';
import { AlertService } from '../alerts/alert.service.js';
import type { AuthenticatedOfficer } from '../auth/authenticated-officer.js';
import { caseContentSchema, type CaseAttachment, type CaseContent, type CaseIdentifier } from './case-content.js';
import { inputExceptionFromZod } from '../common/errors/zod-input.js';
import { CaseException, CaseExceptionCode } from './case.exception.js';
import { caseContentFromInput } from './case-input.mapper.js';
import type { CaseInput } from './dto/case-content.types.js';
import { IntelCase } from './entities/intel-case.entity.js';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class CaseService {
  constructor(
    @InjectRepository(IntelCase) private readonly cases: Repository<IntelCase>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly alerts: AlertService,
  ) {}

  async create(input: CaseInput, officer: AuthenticatedOfficer): Promise<IntelCase> {
    const content = caseContentFromInput(input, []);
    return this.inTransaction(async (manager) => {
      const row = manager.getRepository(IntelCase).create({
        reference: content.reference,
        title: content.title,
        tlp: content.tlp,
        content,
        revision: 1,
        createdBy: officer.username,
        updatedBy: officer.username,
      });
      const saved = await manager.getRepository(IntelCase).save(row);
      await this.indexIdentifiers(manager, saved.id, content);
      return saved;
    }, content.reference);
  }

  /** Replaces the analyst-written content; attachments stay. `expectedRevision` guards against lost updates. */
  async update(id: string, input: CaseInput, officer: AuthenticatedOfficer, expectedRevision?: number): Promise<IntelCase> {
    return this.inTransaction(async (manager) => {
      const row = await this.lockedCase(manager, id);
      if (expectedRevision !== undefined && expectedRevision !== row.revision) {
        throw new CaseException(
          `Case ${row.reference} is at revision ${row.revision}, not ${expectedRevision}: someone else changed it; reload it`,
          CaseExceptionCode.REVISION_CONFLICT,
        );
      }
      const content = caseContentFromInput(input, row.content.attachments);
      Object.assign(row, { reference: content.reference, title: content.title, tlp: content.tlp, content, revision: row.revision + 1, updatedBy: officer.username });
      const saved = await manager.getRepository(IntelCase).save(row);
      await this.indexIdentifiers(manager, saved.id, content);
      return saved;
    }, input.reference);
  }

  /**
   * Appends already validated and normalised identifiers (a STIX import) to the case content, as one
   * new revision; the caller's transaction decides whether it sticks.
   */
  async addIdentifiers(manager: EntityManager, caseId: string, identifiers: CaseIdentifier[], officer: AuthenticatedOfficer): Promise<IntelCase> {
    const row = await this.lockedCase(manager, caseId);
    const parsed = caseContentSchema.safeParse({ ...row.content, identifiers: [...row.content.identifiers, ...identifiers] });
    if (!parsed.success) throw inputExceptionFromZod(parsed.error, 'identifiers');
    Object.assign(row, { content: parsed.data as CaseContent, revision: row.revision + 1, updatedBy: officer.username });
    const saved = await manager.getRepository(IntelCase).save(row);
    await this.indexIdentifiers(manager, saved.id, saved.content);
    return saved;
  }

  /** Adds an attachment's metadata to the case content (the file itself is already stored). */
  async addAttachment(manager: EntityManager, caseId: string, attachment: CaseAttachment, officer: AuthenticatedOfficer): Promise<IntelCase> {
    const row = await this.lockedCase(manager, caseId);
    row.content = { ...row.content, attachments: [...row.content.attachments, attachment] };
    row.revision += 1;
    row.updatedBy = officer.username;
    return manager.getRepository(IntelCase).save(row);
  }

  async get(id: string): Promise<IntelCase> {
    const row = await this.cases.findOneBy({ id });
    if (!row) throw new CaseException(`No case with id ${id}`, CaseExceptionCode.CASE_NOT_FOUND);
    return row;
  }

  list(first: number, offset: number): Promise<IntelCase[]> {
    return this.cases.find({ order: { updatedAt: 'DESC' }, take: Math.min(Math.max(first, 1), 200), skip: Math.max(offset, 0) });
  }

  async lockedCase(manager: EntityManager, id: string): Promise<IntelCase> {
    const row = await manager.getRepository(IntelCase).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new CaseException(`No case with id ${id}`, CaseExceptionCode.CASE_NOT_FOUND);
    return row;
  }

  private async indexIdentifiers(manager: EntityManager, caseId: string, content: CaseContent): Promise<void> {
    await manager.query('DELETE FROM case_identifier WHERE case_id = $1', [caseId]);
    if (content.identifiers.length === 0) return;
    await manager.query(
      `INSERT INTO case_identifier (case_id, identifier_id, type, value)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
      [caseId, content.identifiers.map((i) => i.id), content.identifiers.map((i) => i.type), content.identifiers.map((i) => i.value)],
    );
    // Same transaction: an identifier partners already sent raises its alert exactly when the case holds it
    // (created, edited, or added by a STIX import).
    await this.alerts.raiseForLocalCase(manager, caseId, content.reference, content.identifiers);
  }

  private async inTransaction<T>(work: (manager: EntityManager) => Promise<T>, reference: string): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new CaseException(`A case with reference "${reference}" already exists`, CaseExceptionCode.REFERENCE_TAKEN);
      }
      throw error;
    }
  }
}
