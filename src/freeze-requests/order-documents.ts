import { Inject, Injectable } from '@nestjs/common';
import { CaseAttachmentService } from '../cases/case-attachment.service.js';
import type { IntelCase } from '../cases/entities/intel-case.entity.js';
import { InputException } from '../common/errors/input.exception.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import type { OrderDocument } from '../freeze-wire/freeze-wire.js';
import { FreezeRequestException, FreezeRequestExceptionCode } from './freeze-request.exception.js';

/** The order behind a request: an evidence file of the case (encrypted at rest), read back to be sent. */
@Injectable()
export class OrderDocuments {
  constructor(
    private readonly attachments: CaseAttachmentService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** The order's metadata, from the case it must belong to. */
  describe(intelCase: IntelCase, attachmentId: string): OrderDocument {
    const attachment = intelCase.content.attachments.find((a) => a.id === attachmentId);
    if (!attachment)
      throw new InputException(
        'input.legalBasis.orderAttachmentId',
        `case ${intelCase.reference} has no attachment ${attachmentId}: upload the order to the case first`,
      );
    const max = this.config.freezeRequests.maxOrderBytes;
    if (attachment.bytes > max)
      throw new InputException(
        'input.legalBasis.orderAttachmentId',
        `the order is ${attachment.bytes} bytes; a request carries at most ${max}`,
      );
    const { name, mediaType, sha256, bytes } = attachment;
    return { name, mediaType, sha256, bytes };
  }

  /** The order's bytes (checked against the sha256 the request recorded) and who uploaded it. */
  async read(caseId: string, attachmentId: string, sha256: string): Promise<{ content: Buffer; uploadedBy: string }> {
    const unavailable = (why: string) =>
      new FreezeRequestException(
        `The order ${attachmentId} cannot be sent: ${why}`,
        FreezeRequestExceptionCode.ORDER_UNAVAILABLE,
      );
    const { file, content } = await this.attachments.open(caseId, attachmentId);
    if (file.sha256 !== sha256) throw unavailable('it is not the document the request was written with');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of content as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > this.config.freezeRequests.maxOrderBytes) throw unavailable('it is larger than a request carries');
      chunks.push(chunk);
    }
    return { content: Buffer.concat(chunks), uploadedBy: file.uploadedBy };
  }
}
