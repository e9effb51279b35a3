import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Logger } from 'pino';
import { Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { Role } from '../kernel/vocabulary/role.js';
import type { RawBodyRoute } from '../common/http/body-parsers.js';
import { LOGGER } from '../config/config.module.js';
import { contentDisposition, parseUploadHeaders } from './case-attachment-headers.js';
import { CaseAttachmentService, type UploadedAttachment } from './case-attachment.service.js';
import { AttachmentIntegrityError } from './case-attachment.store.js';

/** The upload reads its body itself: body parsers must leave it alone (see registerBodyParsers). */
export const ATTACHMENT_UPLOAD_ROUTE: RawBodyRoute = { method: 'POST', path: /^\/cases\/[^/]+\/attachments\/?$/i };

type OfficerRequest = IncomingMessage & { officer?: AuthenticatedOfficer };

function officerOf(request: OfficerRequest): AuthenticatedOfficer {
  if (!request.officer) throw new Error('attachment route reached without an authenticated officer');
  return request.officer;
}

/**
 * Evidence files over plain HTTP (GraphQL carries only their metadata): the request body IS the
 * file, streamed through the store, never buffered. Errors are answered by HttpErrorFilter.
 */
@Controller('cases/:caseId/attachments')
export class CaseAttachmentController {
  constructor(
    private readonly attachments: CaseAttachmentService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** `Content-Type` is the file's media type, `X-Filename` its percent-encoded UTF-8 name. */
  @Post()
  @HttpCode(201)
  @Roles(Role.ANALYST)
  async upload(
    @Param('caseId') caseId: string,
    @Req() request: OfficerRequest,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<UploadedAttachment> {
    const officer = officerOf(request);
    // Whatever read the body first (a parser the route exemption missed) would leave an empty file here.
    if (request.readableDidRead || (request as { _body?: unknown })._body)
      throw new Error(`the body of upload ${request.url} was consumed before the upload handler read it`);
    const { name, mediaType } = parseUploadHeaders(request.headers);
    // destroyOnReturn: false keeps the socket when the store stops reading (too large): the error
    // filter still has to answer 413 on it before the connection is closed.
    const content = request.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>;
    const uploaded = await this.attachments.upload(caseId, { name, mediaType, content }, officer);
    response.setHeader('Location', `/cases/${uploaded.caseId}/attachments/${uploaded.id}`);
    return uploaded;
  }

  @Get(':attachmentId')
  @Roles(Role.ANALYST, Role.LIAISON_OFFICER)
  async download(
    @Param('caseId') caseId: string,
    @Param('attachmentId') attachmentId: string,
    @Req() request: OfficerRequest,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const { file, content } = await this.attachments.open(caseId, attachmentId);
    response.statusCode = 200;
    response.setHeader('Content-Type', file.mediaType);
    // With the length announced, a stream cut short by a failed check is an error for every client.
    response.setHeader('Content-Length', file.bytes);
    response.setHeader('Content-Disposition', contentDisposition(file.name));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Attachment-Sha256', file.sha256);
    try {
      await pipeline(content, response);
      this.logger.info({ caseId, attachmentId, officer: officerOf(request).username }, 'attachment downloaded');
    } catch (error) {
      // Headers are out: the only honest signal left is an aborted connection (pipeline destroyed it).
      if (error instanceof AttachmentIntegrityError) {
        this.logger.error(
          { err: error, caseId, attachmentId },
          'stored attachment failed its integrity check; download aborted',
        );
      } else {
        this.logger.warn({ err: error, caseId, attachmentId }, 'attachment download aborted');
      }
      response.destroy();
    }
  }
}
