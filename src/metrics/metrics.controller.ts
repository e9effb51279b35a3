import type { ServerResponse } from 'node:http';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { Public } from '../common/auth/auth.decorators.js';
import { assertMetricsAccess, type MetricsAccess } from './metrics-access.js';
import { MetricsService } from './metrics.service.js';

export const METRICS_ACCESS = Symbol('METRICS_ACCESS');

/** Prometheus text exposition on the officers' HTTP port; its own bearer token, not an officer's (see metrics-access.ts). */
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(METRICS_ACCESS) private readonly access: MetricsAccess,
  ) {}

  @Get('metrics')
  @Public()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: ServerResponse): Promise<void> {
    assertMetricsAccess(this.access, authorization);
    const { contentType, body } = await this.metrics.exposition();
    res.setHeader('content-type', contentType);
    res.setHeader('cache-control', 'no-store');
    res.end(body);
  }
}
