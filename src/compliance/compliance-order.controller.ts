import type { ServerResponse } from 'node:http';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { contentDisposition } from '../cases/case-attachment-headers.js';
import { Roles } from '../common/auth/auth.decorators.js';
import { Role } from '../kernel/vocabulary/role.js';
import { ComplianceQueueService } from './compliance-queue.service.js';

/** The order a request came with, as the agency signed it: for compliance officers to read. */
@Controller('compliance/requests/:id/order')
export class ComplianceOrderController {
  constructor(private readonly queue: ComplianceQueueService) {}

  @Get()
  @Roles(Role.COMPLIANCE_OFFICER)
  async download(@Param('id') id: string, @Res() response: ServerResponse): Promise<void> {
    const { request, content } = await this.queue.order(id);
    const { order } = request.body.legalBasis;
    response.statusCode = 200;
    response.setHeader('Content-Type', order.mediaType);
    response.setHeader('Content-Length', content.length);
    response.setHeader('Content-Disposition', contentDisposition(order.name));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Order-Sha256', order.sha256);
    response.end(content);
  }
}
