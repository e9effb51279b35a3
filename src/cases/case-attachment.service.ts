import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER } from '../config/config.module.js';
import { MAX_ATTACHMENT_BYTES, type CaseAttachment } from './case-content.js';
import { CaseService } from './case.service.js';
import { CaseException, CaseExceptionCode } from './case.exception.js';
import { CaseAttachmentStore } from './case-attachment.store.js';
import { CaseAttachmentFile } from './entities/case-attachment-file.entity.js';
import { TransactionContext } from '../common/database/transaction-context.js';

/** The case model allows at most this many attachments per case. */
export const MAX_ATTACHMENTS_PER_CASE = 1_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STALE_TEMP_MS = 24 * 3600 * 1000;

export interface AttachmentUpload {
  name: string;
  mediaType: string;
  content: AsyncIterable<Uint8Array>;
}

export interface UploadedAttachment extends CaseAttachment {
  caseId: string;
  /** The case's revision after the attachment was added. */
  caseRevision: number;
}

export interface AttachmentDownload {
  file: CaseAttachmentFile;
  content: Readable;
}

/** Evidence files of cases: the file in the encrypted store, its row and the case content in step. */
@Injectable()
export class CaseAttachmentService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionContext,
    private readonly store: CaseAttachmentStore,
    private readonly cases: CaseService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const removed = await this.store.removeStaleTempFiles(STALE_TEMP_MS).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not clean up interrupted attachment uploads');
      return [];
    });
    if (removed.length)
      this.logger.info({ files: removed.length }, 'removed temp files of interrupted attachment uploads');
  }

  /**
   * Streams the file into the store, then records it and adds it to the case in one transaction.
   * If anything fails the stored file is removed again: no file without its row, no half file.
   */
  async upload(caseId: string, upload: AttachmentUpload, officer: AuthenticatedOfficer): Promise<UploadedAttachment> {
    // Checked before the body is read, so an upload to a wrong case costs nothing.
    const existing = await this.cases.get(this.checkedCaseId(caseId));
    if (existing.content.attachments.length >= MAX_ATTACHMENTS_PER_CASE) {
      throw new InputException('file', `a case holds at most ${MAX_ATTACHMENTS_PER_CASE} attachments`);
    }
    const id = randomUUID();
    const stored = await this.store.write(id, upload.content, MAX_ATTACHMENT_BYTES);
    const attachment: CaseAttachment = {
      id,
      name: upload.name,
      mediaType: upload.mediaType,
      sha256: stored.sha256,
      bytes: stored.bytes,
    };
    try {
      const revision = await this.tx.run(async () => {
        const manager = this.tx.manager;
        const row = await this.cases.addAttachment(caseId, attachment, officer);
        if (row.content.attachments.length > MAX_ATTACHMENTS_PER_CASE) {
          throw new InputException('file', `a case holds at most ${MAX_ATTACHMENTS_PER_CASE} attachments`);
        }
        await manager.getRepository(CaseAttachmentFile).insert({
          id,
          caseId,
          name: attachment.name,
          mediaType: attachment.mediaType,
          sha256: attachment.sha256,
          bytes: String(attachment.bytes),
          storagePath: stored.storagePath,
          uploadedBy: officer.username,
        });
        return row.revision;
      });
      this.logger.info(
        { caseId, attachmentId: id, bytes: stored.bytes, officer: officer.username },
        'attachment stored',
      );
      return { ...attachment, caseId, caseRevision: revision };
    } catch (error) {
      await this.store.remove(id).catch((removeError: unknown) => {
        this.logger.error({ err: removeError, attachmentId: id }, 'could not remove the file of a failed upload');
      });
      throw error;
    }
  }

  /** The attachment's row and its decrypting stream (header and first chunk already verified). */
  async open(caseId: string, attachmentId: string): Promise<AttachmentDownload> {
    const notFound = new CaseException(
      `No attachment ${attachmentId} in case ${caseId}`,
      CaseExceptionCode.ATTACHMENT_NOT_FOUND,
    );
    if (!UUID.test(caseId) || !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(attachmentId)) throw notFound;
    const file = await this.tx.manager.getRepository(CaseAttachmentFile).findOneBy({ id: attachmentId, caseId });
    if (!file) throw notFound;
    const content = await this.store.open(file.id, { sha256: file.sha256, bytes: Number(file.bytes) });
    return { file, content };
  }

  /** Case ids are UUIDs: anything else cannot name a case (and must not reach SQL as one). */
  private checkedCaseId(caseId: string): string {
    if (!UUID.test(caseId)) throw new CaseException(`No case with id ${caseId}`, CaseExceptionCode.CASE_NOT_FOUND);
    return caseId;
  }
}
